# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskBillingCase


@tagged("post_install", "-at_install")
class TestTicketBilling(HelpdeskBillingCase):
    def test_team_billing_makes_its_project_billable(self):
        project = self.team.project_id
        self.assertTrue(project.allow_billable)
        self.assertEqual(project.timesheet_product_id, self.product_postpaid)
        self.team.use_helpdesk_sale_timesheet = False
        self.assertFalse(project.allow_billable)
        with self.assertRaisesRegex(ValidationError, "Timesheets on too"):
            self.env["helpdesk.team"].create(
                {"name": "T Bills only", "use_helpdesk_sale_timesheet": True}
            )

    def test_prepaid_line_picked_from_the_customer(self):
        older = self._order(self.company_customer, self.product_prepaid, 10, 30)
        newer = self._order(self.contact, self.product_prepaid, 20, 2)
        used_up = self._order(self.company_customer, self.product_prepaid, 5, 1)
        self._order(self.company_customer, self.product_postpaid, 1, 0)
        self._order(self.other_customer, self.product_prepaid, 50, 0)
        self._order(self.company_customer, self.product_prepaid, 8, 0, confirm=False)
        # the most recent pack is used up: it does not count
        ticket = self._ticket_for(self.company_customer)
        self.assertEqual(ticket.sale_line_id, used_up)
        self._log(ticket, 5.0)
        self.assertEqual(used_up.remaining_hours, 0.0)
        # a contact of the company gets the company's most recent pack with hours
        ticket = self._ticket_for(self.contact)
        self.assertEqual(ticket.sale_line_id, newer)
        self.assertEqual(ticket.remaining_hours_so, 20.0)
        self.assertTrue(ticket.remaining_hours_available)
        # another contact of the same company: the line stays
        colleague = self.env["res.partner"].create(
            {"name": "T Colleague", "parent_id": self.company_customer.id}
        )
        ticket.partner_id = colleague
        self.assertEqual(ticket.sale_line_id, newer)
        # another customer: its own line, or none
        ticket.partner_id = self.other_customer
        self.assertEqual(ticket.sale_line_id.order_partner_id, self.other_customer)
        ticket.partner_id = self.customer
        self.assertFalse(ticket.sale_line_id, "a customer without hours")
        # a team that does not bill: nothing picked
        self.team.use_helpdesk_sale_timesheet = False
        self.assertFalse(self._ticket_for(self.contact).sale_line_id)
        # moved to a team that bills: the ticket picks the line
        billing_team = self.env["helpdesk.team"].create(
            {
                "name": "T Billing",
                "use_helpdesk_timesheet": True,
                "use_helpdesk_sale_timesheet": True,
            }
        )
        moved = self._ticket_for(self.contact)
        self.assertFalse(moved.sale_line_id)
        moved.team_id = billing_team
        # (the team stopped billing: the 5 hours logged above are not billed any
        # more, as on Odoo's projects, and the most recent pack has them back)
        self.assertEqual(used_up.remaining_hours, 5.0)
        self.assertEqual(moved.sale_line_id, used_up)
        # switching billing on bills the time again and gives the open tickets
        # their customer's line
        waiting = self._ticket_for(self.contact)
        self.team.use_helpdesk_sale_timesheet = True
        self.assertEqual(used_up.remaining_hours, 0.0)
        self.assertEqual(waiting.sale_line_id, newer)
        self.assertTrue(older, "older packs stay for later")

    def test_remaining_hours_after_several_timesheets(self):
        line = self._order(self.company_customer, self.product_prepaid, 4, 1)
        ticket = self._ticket_for(self.contact)
        other = self._ticket_for(self.company_customer)
        self._log(ticket, 1.5)
        self._log(other, 1.0)
        self._log(ticket, 0.75)
        self.assertAlmostEqual(line.qty_delivered, 3.25)
        self.assertAlmostEqual(ticket.remaining_hours_so, 0.75)
        self.assertAlmostEqual(other.remaining_hours_so, 0.75)
        self.assertEqual(
            ticket.timesheet_ids.mapped("timesheet_invoice_type"),
            ["billable_fixed", "billable_fixed"],
        )
        # more time than sold: negative (red on the form and the list)
        self._log(ticket, 2.0)
        self.assertAlmostEqual(ticket.remaining_hours_so, -1.25)
        Ticket = self.env["helpdesk.ticket"]
        self.assertEqual(
            Ticket.search([("remaining_hours_so", "<", 0)]), ticket | other
        )

    def test_used_up_pack_hands_over_to_the_next(self):
        older = self._order(self.company_customer, self.product_prepaid, 5, 20)
        newer = self._order(self.company_customer, self.product_prepaid, 2, 2)
        ticket = self._ticket_for(self.contact)
        self.assertEqual(ticket.sale_line_id, newer)
        first = self._log(ticket, 2.0)
        self.assertEqual(ticket.remaining_hours_so, 0.0)
        second = self._log(ticket, 1.0)
        self.assertEqual(ticket.sale_line_id, older)
        self.assertEqual(second.so_line, older)
        self.assertEqual(first.so_line, newer, "logged time stays on its pack")
        self.assertEqual(newer.qty_delivered, 2.0)
        self.assertEqual(older.qty_delivered, 1.0)
        note = ticket.message_ids[:1]
        self.assertIn(newer.order_id.name, note.body)
        self.assertIn("used up", note.body)
        # nothing left anywhere: the pack goes negative, no hand-over
        self._log(ticket, 4.0)
        third = self._log(ticket, 1.0)
        self.assertEqual(third.so_line, older)
        self.assertAlmostEqual(ticket.remaining_hours_so, -1.0)

    def test_used_up_pack_hands_over_to_postpaid_when_the_team_says_so(self):
        pack = self._order(self.company_customer, self.product_prepaid, 1, 2)
        postpaid = self._order(self.company_customer, self.product_postpaid, 1, 5)
        ticket = self._ticket_for(self.contact)
        self._log(ticket, 1.0)
        self._log(ticket, 0.5)
        self.assertEqual(ticket.sale_line_id, pack, "option off: stays on the pack")
        self.team.sale_fallback_postpaid = True
        line = self._log(ticket, 0.5)
        self.assertEqual(ticket.sale_line_id, postpaid)
        self.assertEqual(line.so_line, postpaid)
        self.assertEqual(line.timesheet_invoice_type, "billable_time")

    def test_postpaid_flow_to_the_invoice(self):
        today = fields.Date.today()
        line = self._order(self.company_customer, self.product_postpaid, 1, 0)
        order = line.order_id
        ticket = self._ticket_for(self.contact)
        self.assertFalse(ticket.sale_line_id, "postpaid lines are chosen by hand")
        ticket.with_user(self.salesman).sale_line_id = line
        early = self._log(ticket, 2.0, date=today - timedelta(days=10))
        late = self._log(ticket, 3.0, date=today)
        self.assertEqual((early | late).so_line, line)
        self.assertEqual(early.timesheet_invoice_type, "billable_time")
        self.assertAlmostEqual(line.qty_delivered, 5.0)
        # invoice the first period only (the standard wizard)
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create(
                {
                    "advance_payment_method": "delivered",
                    "date_start_invoice_timesheet": today - timedelta(days=15),
                    "date_end_invoice_timesheet": today - timedelta(days=5),
                }
            )
        )
        wizard.create_invoices()
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertAlmostEqual(invoice.invoice_line_ids.quantity, 2.0)
        invoice.action_post()
        self.assertEqual(early.timesheet_invoice_id, invoice)
        self.assertFalse(late.timesheet_invoice_id)
        with self.assertRaisesRegex(UserError, "already invoiced"):
            early.unit_amount = 1.0
        self.assertEqual(early.unit_amount, 2.0)
        late.unit_amount = 2.5  # not invoiced yet: still editable
        self.assertAlmostEqual(line.qty_delivered, 4.5)
        # changing the ticket's line leaves the invoiced time where it is
        other_line = self._order(self.company_customer, self.product_postpaid, 1, 0)
        ticket.sale_line_id = other_line
        self.assertEqual(early.so_line, line)
        self.assertEqual(late.so_line, other_line)

    def test_non_billable_line(self):
        line = self._order(self.company_customer, self.product_prepaid, 4, 1)
        ticket = self._ticket_for(self.contact)
        billed = self._log(ticket, 1.0)
        free = self._log(ticket, 2.0)
        free.with_user(self.salesman).sudo().write(
            {"so_line": False, "is_so_line_edited": True}
        )
        self.assertEqual(free.timesheet_invoice_type, "non_billable")
        self.assertAlmostEqual(line.qty_delivered, 1.0)
        self.assertAlmostEqual(ticket.remaining_hours_so, 3.0)
        self.assertAlmostEqual(ticket.total_hours_spent, 3.0)
        # a later change of the ticket's line keeps it non-billable
        other = self._order(self.company_customer, self.product_prepaid, 9, 0)
        ticket.sale_line_id = other
        self.assertFalse(free.so_line)
        self.assertEqual(billed.so_line, other)
        # a ticket without a line: its time is not billed
        ticket.sale_line_id = False
        self.assertEqual(self._log(ticket, 1.0).timesheet_invoice_type, "non_billable")

    def test_bad_sale_lines_refused(self):
        theirs = self._order(self.other_customer, self.product_prepaid, 4, 1)
        ticket = self._ticket_for(self.contact)
        with (
            self.assertRaisesRegex(ValidationError, "another customer or company"),
            self.env.cr.savepoint(),
        ):
            ticket.sale_line_id = theirs
        draft = self._order(self.company_customer, self.product_prepaid, 4, 0, False)
        with (
            self.assertRaisesRegex(ValidationError, "confirmed order"),
            self.env.cr.savepoint(),
        ):
            ticket.sale_line_id = draft
        # another company
        company_b = self.env["res.company"].create({"name": "T Company B"})
        order_b = (
            self.env["sale.order"]
            .with_company(company_b)
            .create(
                {
                    "partner_id": self.company_customer.id,
                    "company_id": company_b.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_prepaid.id,
                                "product_uom_qty": 3,
                            }
                        )
                    ],
                }
            )
        )
        order_b.action_confirm()
        with (
            self.assertRaisesRegex(ValidationError, "another customer or company"),
            self.env.cr.savepoint(),
        ):
            ticket.sale_line_id = order_b.order_line
        ticket.invalidate_recordset()
        self.assertFalse(ticket.sale_line_id)

    def test_low_balance_alert_once_per_line(self):
        self.team.low_balance_hours = 2.0
        line = self._order(self.company_customer, self.product_prepaid, 5, 1)
        order = line.order_id
        ticket = self._ticket_for(self.contact)
        Activity = self.env["mail.activity"]

        def activities():
            return Activity.search(
                [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
            )

        self._log(ticket, 2.0)
        self.assertFalse(activities())
        self.assertFalse(line.helpdesk_low_balance_notified)
        messages_before = order.message_ids
        self._log(ticket, 1.5)
        self.assertTrue(line.helpdesk_low_balance_notified)
        self.assertEqual(activities().user_id, self.salesman)
        mail = order.message_ids - messages_before
        self.assertEqual(len(mail), 1)
        self.assertIn(self.company_customer, mail.partner_ids)
        self.assertIn("run low", mail.subject)
        queued = self.env["mail.mail"].search([("mail_message_id", "=", mail.id)])
        self.assertTrue(queued)
        self.assertEqual(set(queued.mapped("state")), {"outgoing"}, "queued")
        self.assertIn("running low", ticket.message_ids[:1].body)
        # once per line
        self._log(ticket, 1.0)
        self.assertEqual(len(activities()), 1)
        self.assertEqual(len(order.message_ids - messages_before), 1)
        # more hours sold on the line: the next shortage is news again
        line.product_uom_qty = 10
        self.assertFalse(line.helpdesk_low_balance_notified)
