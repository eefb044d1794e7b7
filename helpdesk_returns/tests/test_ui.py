# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestReturnTour(HttpCase, HelpdeskAfterSaleCase):
    def test_return_and_refund_without_inventory_nor_invoicing_rights(self):
        ticket = self._ticket(product_id=self.kettle.id)
        self.assertFalse(self.agent.has_group("stock.group_stock_user"))
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "helpdesk_returns_return_tour",
            login="hd_agent",
        )
        self.assertEqual(ticket.sale_order_id, self.order)
        returned = ticket.picking_ids
        self.assertEqual(returned.move_ids.product_id, self.kettle)
        self.assertEqual(returned.move_ids.product_uom_qty, 1)
        self.assertEqual(ticket.invoice_ids.reversed_entry_id, self.invoice)

    def test_portal_page_shows_the_return_state(self):
        customer = new_test_user(
            self.env,
            "hd_portal_buyer",
            groups="base.group_portal",
            partner_id=self.buyer.id,
        )
        self.assertEqual(customer.partner_id, self.buyer)
        ticket = self._ticket(product_id=self.kettle.id)
        self._return_wizard(ticket, quantities={self.kettle: 1}).action_return()
        returned = ticket.picking_ids
        self.authenticate("hd_portal_buyer", "hd_portal_buyer")
        page = self.url_open(f"/my/tickets/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_helpdesk_portal_after_sales", page.text)
        self.assertIn(returned.name, page.text)
        self.assertIn("Ready", page.text)
        # another customer's ticket shows nothing of it
        other = self._ticket(partner=self.stranger)
        page = self.url_open(f"/my/tickets/{other.id}")
        self.assertNotIn(returned.name, page.text)
