# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

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
