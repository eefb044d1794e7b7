# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskBillingCase


@tagged("post_install", "-at_install")
class TestBillingAccess(HelpdeskBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.approver = new_test_user(
            cls.env,
            "hd_ts_approver",
            groups="helpdesk_base.helpdesk_base_group_user,"
            "hr_timesheet.group_hr_timesheet_approver",
        )
        cls.env["hr.employee"].create({"name": "Approver", "user_id": cls.approver.id})
        cls.team.member_ids |= cls.approver
        cls.portal_user = new_test_user(
            cls.env, "hd_ts_portal", groups="base.group_portal", name="Portal Acme"
        )
        cls.portal_user.partner_id.parent_id = cls.company_customer
        cls.line = cls._order(cls.company_customer, cls.product_prepaid, 10, 1)
        cls.billed_ticket = cls._create_tickets(
            1, partner_id=cls.portal_user.partner_id.id
        )

    def test_who_edits_which_time(self):
        mine = self._log(self.billed_ticket, 1.0)
        theirs = self._log(
            self.billed_ticket,
            2.0,
            user=self.env.user,
            employee_id=self.employee_plain.id,
        )
        # an agent edits their own time, not a colleague's
        mine.with_user(self.timesheet_agent).unit_amount = 1.5
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            theirs.with_user(self.timesheet_agent).unit_amount = 5.0
        # timesheet approvers and helpdesk managers edit everyone's
        theirs.with_user(self.approver).unit_amount = 2.5
        theirs.with_user(self.manager).unit_amount = 3.0
        mine.with_user(self.manager).unit_amount = 0.5
        self.assertEqual(theirs.unit_amount, 3.0)
        # agents without timesheet rights see the totals, not the lines
        ticket = self.billed_ticket.with_user(self.agent)
        self.assertAlmostEqual(ticket.total_hours_spent, 3.5)
        self.assertAlmostEqual(ticket.remaining_hours_so, 6.5)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            mine.with_user(self.agent).read(["unit_amount"])

    def test_portal_users_read_no_time_through_the_ticket(self):
        self._log(self.billed_ticket, 1.0)
        ticket = self.billed_ticket.with_user(self.portal_user)
        self.assertEqual(ticket.read(["name"])[0]["name"], self.billed_ticket.name)
        for fname in (
            "timesheet_ids",
            "total_hours_spent",
            "sale_line_id",
            "remaining_hours_so",
        ):
            with (
                self.subTest(field=fname),
                self.assertRaises(AccessError),
                mute_logger("odoo.models"),
            ):
                ticket.read([fname])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["account.analytic.line"].with_user(self.portal_user).search(
                [("helpdesk_ticket_id", "=", self.billed_ticket.id)]
            )
        # the portal page's values: only when the team shows them
        self.assertEqual(ticket._portal_timesheet_values(), {})
        self.team.portal_show_timesheets = True
        values = ticket._portal_timesheet_values()
        self.assertEqual(len(values["entries"]), 1)
        self.assertEqual(set(values["entries"][0]), {"date", "name", "hours", "order"})
        self.assertEqual(values["sale_line"], self.line)

    def test_ticket_list_queries_do_not_grow(self):
        tickets = self._create_tickets(80, partner_id=self.contact.id)
        self.assertEqual(tickets.sale_line_id, self.line)
        for ticket in tickets[::4]:
            self._log(ticket, 0.25)
        spec = {
            "name": {},
            "total_hours_spent": {},
            "remaining_hours_so": {},
            "remaining_hours_available": {},
            "sale_line_id": {"fields": {"display_name": {}}},
        }

        def read_list(records):
            records.with_user(self.salesman).web_read(spec)

        read_list(tickets[:1])  # warm the access rules' caches
        few = self._count_queries(lambda: read_list(tickets[:8]))
        many = self._count_queries(lambda: read_list(tickets))
        self.assertEqual(few, many)
        self.assertLess(many, 15)

    def test_logging_time_queries_do_not_grow_with_the_ticket(self):
        ticket = self._ticket_for(self.contact)
        self._log(ticket, 0.25)
        first = self._count_queries(lambda: self._log(ticket, 0.25))
        for _index in range(20):
            self._log(ticket, 0.1)
        later = self._count_queries(lambda: self._log(ticket, 0.25))
        self.assertLessEqual(later, first)


@tagged("post_install", "-at_install")
class TestTimesheetPortalPages(HttpCase, HelpdeskBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.portal_show_timesheets = True
        cls.portal_user = new_test_user(
            cls.env, "hd_ts_portal2", groups="base.group_portal", name="Portal Acme"
        )
        cls.portal_user.partner_id.parent_id = cls.company_customer
        cls.stranger = new_test_user(
            cls.env, "hd_ts_stranger", groups="base.group_portal", name="Stranger"
        )
        cls.stranger.partner_id.parent_id = cls.other_customer
        cls.line = cls._order(cls.company_customer, cls.product_prepaid, 40, 1)
        cls.line.order_id.name = "SO-TS-PACK"
        cls._order(cls.other_customer, cls.product_prepaid, 7, 1)
        cls.ticket = cls._create_tickets(1, partner_id=cls.portal_user.partner_id.id)
        # the employee's cost must never reach the customer
        cls.employee.hourly_cost = 987.0

    def test_prepaid_balance_on_home_and_ticket_list(self):
        self._log(self.ticket, 27.5 / 2, name="Server migration, part 1")
        self._log(self.ticket, 27.5 / 2, name="Server migration, part 2")
        self.authenticate("hd_ts_portal2", "hd_ts_portal2")
        for url in ("/my", "/my/tickets"):
            with self.subTest(url=url):
                page = self.url_open(url).text
                self.assertIn("o_helpdesk_prepaid_balance", page)
                self.assertIn("12.50", page)
                self.assertIn("40.00", page)
                self.assertIn("SO-TS-PACK", page)
                self.assertNotIn("7.00", page, "another customer's pack")
        # a customer without hours sees no balance
        self.authenticate("hd_ts_stranger", "hd_ts_stranger")
        self.assertIn("7.00", self.url_open("/my").text)
        self.assertNotIn("SO-TS-PACK", self.url_open("/my/tickets").text)
        # a team that does not show timesheets: no balance at all
        self.team.portal_show_timesheets = False
        self.authenticate("hd_ts_portal2", "hd_ts_portal2")
        self.assertNotIn("o_helpdesk_prepaid_balance", self.url_open("/my").text)

    def test_time_spent_on_the_ticket_page(self):
        self._log(self.ticket, 1.5, name="Replaced the fuser")
        self.authenticate("hd_ts_portal2", "hd_ts_portal2")
        url = f"/my/tickets/{self.ticket.id}"
        page = self.url_open(url).text
        self.assertIn("o_helpdesk_portal_timesheets", page)
        self.assertIn("Replaced the fuser", page)
        self.assertIn("1.50", page)
        self.assertNotIn("access_token", page.split("ticket_timesheets")[1][:2000])
        self.assertIn("SO-TS-PACK", page)
        self.assertIn("38.50", page)
        # with their decimal point: random tokens in the page are hexadecimal
        for cost in ("987.0", "480.5"):
            self.assertNotIn(cost, page, "no employee cost (hourly, or of the line)")
        self.assertNotIn(self.employee.name, page, "no employee")
        # another customer cannot open the ticket
        self.authenticate("hd_ts_stranger", "hd_ts_stranger")
        response = self.url_open(url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        # the team hides its time: nothing shown
        self.team.portal_show_timesheets = False
        self.authenticate("hd_ts_portal2", "hd_ts_portal2")
        self.assertNotIn("Replaced the fuser", self.url_open(url).text)


@tagged("post_install", "-at_install")
class TestBillingGuards(HelpdeskBillingCase):
    def test_only_the_customers_orders_bill_the_time(self):
        mine = self._order(self.company_customer, self.product_prepaid, 10, 1)
        theirs = self._order(self.other_customer, self.product_prepaid, 10, 1)
        ticket = self._ticket_for(self.contact)
        line = self._log(ticket, 1.0)
        self.assertEqual(line.so_line, mine)
        with (
            self.assertRaisesRegex(ValidationError, "another customer or company"),
            self.env.cr.savepoint(),
        ):
            line.with_user(self.salesman).sudo().so_line = theirs
        other_ticket = self._create_tickets(1, partner_id=self.other_customer.id)
        with (
            self.assertRaisesRegex(ValidationError, "another customer or company"),
            self.env.cr.savepoint(),
        ):
            self._log(other_ticket, 1.0, so_line=mine.id)
        # agents without sales rights do not choose the line
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            ticket.with_user(self.agent).sale_line_id = False
        ticket.with_user(self.salesman).sale_line_id = False
        self.assertFalse(ticket.sale_line_id)

    def test_a_line_prefilled_by_the_form_still_hands_over(self):
        older = self._order(self.company_customer, self.product_prepaid, 5, 10)
        newer = self._order(self.company_customer, self.product_prepaid, 1, 1)
        ticket = self._ticket_for(self.contact)
        self._log(ticket, 1.0)
        # the Timesheets tab sends the ticket's line with the new row
        line = self._log(ticket, 0.5, so_line=newer.id)
        self.assertEqual(line.so_line, older)
        self.assertEqual(ticket.sale_line_id, older)
        # a line chosen by hand is kept
        chosen = self._log(ticket, 0.5, so_line=newer.id, is_so_line_edited=True)
        self.assertEqual(chosen.so_line, newer)

    def test_invoiced_time_is_locked_with_a_clear_message(self):
        line = self._order(self.company_customer, self.product_postpaid, 1, 0)
        ticket = self._ticket_for(self.contact)
        ticket.with_user(self.salesman).sale_line_id = line
        logged = self._log(ticket, 2.0)
        order = line.order_id
        order._create_invoices().action_post()
        self.assertTrue(logged.timesheet_invoice_id)
        agent_line = logged.with_user(self.timesheet_agent)
        for vals in ({"unit_amount": 1.0}, {"date": "2026-01-01"}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "already invoiced"),
            ):
                agent_line.write(vals)
        agent_line.name = "Fixed the wording"  # the description stays free
        with self.assertRaisesRegex(UserError, "already been invoiced"):
            agent_line.unlink()
        other = self._ticket_for(self.other_customer)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            logged.with_user(self.manager).helpdesk_ticket_id = other
        self.assertEqual(logged.helpdesk_ticket_id, ticket)

    def test_low_balance_activity_survives_the_upsell(self):
        self.team.low_balance_hours = 2.0
        line = self._order(self.company_customer, self.product_prepaid, 3, 1)
        ticket = self._ticket_for(self.contact)
        self._log(ticket, 2.0)
        order = line.order_id
        activity = order.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("helpdesk_timesheet.mail_activity_type_low_balance")
        )
        self.assertTrue(activity)
        order._create_upsell_activity()
        self.assertTrue(activity.exists())
