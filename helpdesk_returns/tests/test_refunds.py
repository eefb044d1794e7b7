# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestTicketRefunds(HelpdeskAfterSaleCase):
    def _refund_wizard(self, ticket, user=None, **values):
        return self._after_sale_wizard(
            ticket, "action_open_refund_wizard", user, **values
        )

    def test_refund_makes_a_draft_credit_note(self):
        ticket = self._ticket(sale_order_id=self.order.id, product_id=self.kettle.id)
        self.assertTrue(ticket.has_refundable_invoice)
        wizard = self._refund_wizard(ticket)
        self.assertEqual(wizard.move_id, self.invoice)
        self.assertIn(ticket.ticket_ref, wizard.reason)
        wizard.action_refund()
        credit_note = ticket.invoice_ids
        self.assertEqual(len(credit_note), 1)
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "draft", "edited for a partial refund")
        self.assertEqual(credit_note.reversed_entry_id, self.invoice)
        self.assertIn(ticket.ticket_ref, credit_note.ref)
        self.assertEqual(ticket.invoices_count, 1)
        self.assertIn(credit_note.display_name, ticket.message_ids[:1].body)

    def test_refund_and_new_invoice(self):
        ticket = self._ticket()
        self._refund_wizard(ticket).action_refund_and_invoice()
        made = ticket.invoice_ids
        credit_note = made.filtered(lambda m: m.move_type == "out_refund")
        new_invoice = made - credit_note
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertEqual(new_invoice.move_type, "out_invoice")
        self.assertEqual(new_invoice.state, "draft")
        # refunded in full: not offered again, refused if asked
        ticket.invalidate_recordset(["has_refundable_invoice"])
        self.assertFalse(ticket.has_refundable_invoice)
        wizard = self.env["helpdesk.ticket.refund"].create(
            {"ticket_id": ticket.id, "move_id": self.invoice.id}
        )
        with self.assertRaisesRegex(UserError, "already refunded in full"):
            wizard.action_refund()
        self.assertEqual(len(ticket.invoice_ids), 2, "nothing more made")

    def test_pending_credit_note_refused(self):
        ticket = self._ticket()
        self._refund_wizard(ticket).action_refund()
        with self.assertRaisesRegex(UserError, "waiting to be confirmed"):
            self._refund_wizard(ticket).action_refund()
        self.assertEqual(len(ticket.invoice_ids), 1)

    def test_draft_and_foreign_invoices_refused(self):
        ticket = self._ticket()
        draft = self.invoice.copy()
        self.assertEqual(draft.state, "draft")
        wizard = self._refund_wizard(ticket)
        wizard.move_id = draft
        with self.assertRaisesRegex(UserError, "Only posted invoices"):
            wizard.action_refund()
        other_order = self._delivered_order(self.stranger, [(self.kettle, 1)])
        other_invoice = other_order._create_invoices()
        other_invoice.action_post()
        wizard.move_id = other_invoice
        with self.assertRaisesRegex(UserError, "not a posted invoice of"):
            wizard.action_refund()
        self.assertFalse(other_invoice.reversal_move_ids, "nothing half-made")
        # a customer without invoices: no button, a clear error
        with self.assertRaisesRegex(UserError, "no posted invoice"):
            self._ticket(self.stranger.copy()).action_open_refund_wizard()

    def test_agent_without_invoicing_rights_refunds(self):
        self.assertFalse(self.agent.has_group("account.group_account_invoice"))
        ticket = self._ticket()
        action = self._refund_wizard(ticket, user=self.agent).action_refund()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(ticket.invoice_ids.reversed_entry_id, self.invoice)
        # the agent picks the invoice by its name only, among the ticket's
        env = self.env(
            user=self.agent, context={"helpdesk_after_sale_ticket_id": ticket.id}
        )
        found = env["account.move"].web_name_search("", {"display_name": {}})
        self.assertEqual([row["id"] for row in found], self.invoice.ids)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            env["account.move"].web_name_search("", {"amount_total": {}})

    def test_other_company_refused(self):
        company_b = self.env["res.company"].create({"name": "T Company B"})
        team_b = self.env["helpdesk.team"].create(
            {
                "name": "T Team B",
                "company_id": company_b.id,
                "use_credit_notes": True,
                "use_product_returns": True,
            }
        )
        ticket = self._ticket(team_id=team_b.id)
        self.assertEqual(ticket.company_id, company_b)
        self.assertFalse(ticket.has_refundable_invoice, "the invoice is company A's")
        self.assertFalse(ticket.has_returnable_delivery)
        with self.assertRaisesRegex(UserError, "no posted invoice"):
            ticket.action_open_refund_wizard()
