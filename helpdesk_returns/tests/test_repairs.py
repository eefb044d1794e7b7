# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestTicketRepairs(HelpdeskAfterSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.use_product_repairs = True

    def _repair_wizard(self, ticket, user=None, **values):
        return self._after_sale_wizard(
            ticket, "action_open_repair_wizard", user, **values
        )

    def test_repair_from_the_return_under_warranty(self):
        self.assertFalse(self.agent.has_group("stock.group_stock_user"))
        ticket = self._ticket(product_id=self.machine.id, lot_id=self.serials[0].id)
        ticket.description = "<p>Leaks water</p>"
        returned = self._return_wizard(ticket, quantities={self.machine: 1})
        returned.action_return()
        wizard = self._repair_wizard(ticket, user=self.agent, under_warranty=True)
        self.assertEqual(wizard.product_id, self.machine)
        self.assertEqual(wizard.lot_id, self.serials[0])
        self.assertEqual(wizard.picking_id, ticket.picking_ids)
        action = wizard.action_create()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        repair = ticket.repair_ids
        self.assertEqual(len(repair), 1)
        self.assertEqual(repair.partner_id, self.buyer)
        self.assertEqual(repair.product_id, self.machine)
        self.assertEqual(repair.lot_id, self.serials[0])
        self.assertEqual(repair.picking_id, ticket.picking_ids)
        self.assertTrue(repair.under_warranty)
        self.assertIn("Leaks water", repair.internal_notes)
        self.assertEqual(ticket.repairs_count, 1)
        self.assertIn(repair.name, ticket.message_ids[:1].body)

    def test_bad_repairs_refused(self):
        ticket = self._ticket()
        other = self.env["product.product"].create(
            {"name": "T Not bought", "is_storable": True}
        )
        wizard = self._repair_wizard(ticket, product_id=other.id)
        with self.assertRaisesRegex(UserError, "Choose a product"):
            wizard.action_create()
        wizard.product_id = self.machine
        wizard.lot_id = self.serials[2]
        with self.assertRaisesRegex(UserError, "was not delivered"):
            wizard.action_create()
        self.assertFalse(ticket.repair_ids, "nothing half-made")
        no_repairs = self.env["helpdesk.team"].create({"name": "T No repairs"})
        with self.assertRaisesRegex(UserError, "(?i)does not do repairs"):
            self._ticket(team_id=no_repairs.id).action_open_repair_wizard()
