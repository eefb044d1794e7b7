# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestAfterSales(HelpdeskAfterSaleCase):
    """What a ticket made, seen by agents without the apps' rights and by the
    customer; the one-step return + replacement + coupon; other companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.write(
            {
                "use_product_repairs": True,
                "use_coupons": True,
                "use_project_tasks": True,
            }
        )
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "T Sorry coupon",
                "program_type": "coupons",
                "trigger": "with_code",
            }
        )
        cls.team.task_project_id = cls.env["project.project"].create(
            {"name": "T Field work", "company_id": cls.env.company.id}
        )

    def test_agents_open_the_repairs_of_their_tickets(self):
        self.assertFalse(self.agent.has_group("stock.group_stock_user"))
        ticket = self._ticket(product_id=self.machine.id, lot_id=self.serials[0].id)
        self._after_sale_wizard(
            ticket, "action_open_repair_wizard", under_warranty=True
        ).action_create()
        agent_ticket = ticket.with_user(self.agent)
        action = agent_ticket.action_view_repairs()
        self.assertEqual(action["res_model"], "helpdesk.ticket.after.sale")
        rows = (
            self.env["helpdesk.ticket.after.sale"]
            .with_user(self.agent)
            .search(action["domain"])
        )
        self.assertEqual(len(rows), 1)
        repair = ticket.repair_ids
        self.assertEqual(rows.name, repair.name)
        self.assertEqual(rows.kind, "repair")
        self.assertEqual(rows.state_label, "New")
        self.assertEqual(rows.product_id, self.machine)
        self.assertEqual(rows.lot_name, "SN-1")
        self.assertTrue(rows.under_warranty)
        repair.sudo()._action_repair_confirm()
        rows.invalidate_recordset()
        self.assertEqual(rows.state_label, "Confirmed")
        # the document itself needs the app's rights
        with self.assertRaisesRegex(UserError, "needs the rights"):
            rows.action_open_document()
        self.assertEqual(
            rows.with_user(self.manager).sudo().action_open_document()["res_id"],
            repair.id,
        )
        # an agent who does not see the ticket does not see what it made
        self.assertFalse(
            self.env["helpdesk.ticket.after.sale"]
            .with_user(self.outsider)
            .search([("ticket_id", "=", ticket.id)])
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            ticket.with_user(self.outsider).action_view_repairs()

    def test_portal_shows_the_state_of_the_return(self):
        ticket = self._ticket(product_id=self.kettle.id)
        self._return_wizard(ticket, quantities={self.kettle: 1}).action_exchange()
        refund = self._after_sale_wizard(ticket, "action_open_refund_wizard")
        refund.action_refund()
        self._after_sale_wizard(ticket, "action_open_task_wizard").action_create()
        entries = ticket._portal_after_sale_values()
        kinds = sorted(entry["kind"] for entry in entries)
        # no task (internal), no draft credit note (not issued yet)
        self.assertEqual(kinds, ["Replacement Delivery", "Return"])
        returned = ticket.picking_ids.filtered(
            lambda p: p.picking_type_code == "incoming"
        )
        entry = next(e for e in entries if e["kind"] == "Return")
        self.assertEqual(entry["name"], returned.name)
        self.assertEqual(entry["state"], "Ready")
        self.assertEqual(entry["product"], self.kettle.display_name)
        credit_note = ticket.invoice_ids
        credit_note.action_post()
        entries = ticket._portal_after_sale_values()
        entry = next(e for e in entries if e["kind"] == "Credit Note")
        self.assertEqual(entry["name"], credit_note.name)
        self.assertEqual(entry["url"], credit_note.get_portal_url())

    def test_one_step_exchange_and_coupon(self):
        ticket = self._ticket(product_id=self.kettle.id)
        action = ticket.with_user(self.agent).action_open_return_wizard()
        self.assertIn("Coupon", action["name"])
        wizard = self._return_wizard(
            ticket, user=self.agent, quantities={self.kettle: 1}, offer_coupon=True
        )
        self.assertEqual(wizard.coupon_program_id, self.program)
        wizard.action_exchange()
        self.assertEqual(len(ticket.picking_ids), 2, "the return and the replacement")
        self.assertEqual(len(ticket.coupon_ids), 1)
        self.assertEqual(ticket.coupon_ids.partner_id, self.buyer)
        notes = ticket.message_ids.mapped("body")
        self.assertTrue(any("Return for exchange" in body for body in notes))
        self.assertTrue(any(ticket.coupon_ids.code in body for body in notes))
        # a refused coupon leaves no return behind
        wizard = self._return_wizard(
            ticket, quantities={self.kettle: 1}, offer_coupon=True
        )
        wizard.coupon_valid_until = "2000-01-01"
        with self.assertRaisesRegex(UserError, "already be expired"):
            wizard.action_exchange()
        self.assertEqual(len(ticket.picking_ids), 2)
        self.assertEqual(len(ticket.coupon_ids), 1)

    def test_other_company_refused_everywhere(self):
        company_b = self.env["res.company"].create({"name": "T Company B"})
        team_b = self.env["helpdesk.team"].create(
            {
                "name": "T Team B",
                "company_id": company_b.id,
                "member_ids": [(6, 0, self.agent.ids)],
                "use_product_returns": True,
                "use_credit_notes": True,
                "use_product_repairs": True,
                "use_coupons": True,
                "use_project_tasks": True,
            }
        )
        ticket_b = self._ticket(team_id=team_b.id)
        # an agent of company A only does not reach company B's ticket
        for opener in (
            "action_open_return_wizard",
            "action_open_refund_wizard",
            "action_open_repair_wizard",
            "action_open_coupon_wizard",
            "action_open_task_wizard",
        ):
            with (
                self.subTest(opener),
                self.assertRaises(AccessError),
                mute_logger("odoo.models"),
            ):
                getattr(ticket_b.with_user(self.agent), opener)()
        # an agent of both companies: company A's documents are refused
        both = new_test_user(
            self.env,
            "hd_agent_ab",
            groups="helpdesk_base.helpdesk_base_group_user",
            company_ids=[(6, 0, (self.env.company | company_b).ids)],
        )
        team_b.member_ids |= both
        ticket_b = ticket_b.with_user(both).with_context(
            allowed_company_ids=[company_b.id, self.env.company.id]
        )
        self.assertFalse(ticket_b.has_returnable_delivery)
        self.assertFalse(ticket_b.suitable_sale_order_ids)
        wizard = self._after_sale_wizard(
            ticket_b, "action_open_repair_wizard", user=both, product_id=self.kettle.id
        )
        with self.assertRaisesRegex(UserError, "Choose a product"):
            wizard.action_create()
        with self.assertRaisesRegex(UserError, "coupon program"):
            ticket_b.action_open_coupon_wizard()
        wizard = (
            self.env["helpdesk.ticket.coupon"]
            .with_user(both)
            .create({"ticket_id": ticket_b.id, "program_id": self.program.id})
        )
        with self.assertRaisesRegex(UserError, "program of this company"):
            wizard.action_generate()
        project_a = self.env["project.project"].create(
            {"name": "T Project A", "company_id": self.env.company.id}
        )
        self.env["project.project"].create(
            {"name": "T Project B", "company_id": company_b.id}
        )
        wizard = self._after_sale_wizard(
            ticket_b, "action_open_task_wizard", user=both, project_id=project_a.id
        )
        with self.assertRaisesRegex(UserError, "project of the ticket's company"):
            wizard.action_create()
        return_wizard = (
            self.env["helpdesk.ticket.return"]
            .with_user(both)
            .create({"ticket_id": ticket_b.id, "picking_id": self.delivery.id})
        )
        with self.assertRaisesRegex(UserError, "deliveries done"):
            return_wizard.action_return()
        self.assertFalse(ticket_b.sudo().after_sale_ids, "nothing made")

    def test_smart_button_counts_constant_queries(self):
        tickets = self._create_tickets(20, partner_id=self.buyer.id)
        for ticket in tickets[:3]:
            self._return_wizard(ticket, quantities={self.kettle: 1}).action_return()
            self._after_sale_wizard(ticket, "action_open_task_wizard").action_create()
        fields = [
            "pickings_count",
            "repairs_count",
            "invoices_count",
            "coupons_count",
            "tasks_count",
        ]

        def read(records):
            records.invalidate_recordset()
            records.read(fields)

        few = self._count_queries(lambda: read(tickets[:3]))
        many = self._count_queries(lambda: read(tickets))
        self.assertEqual(few, many)
        self.assertEqual(tickets[:4].mapped("tasks_count"), [1, 1, 1, 0])
