# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command

from odoo.addons.helpdesk_base.tests.common import HelpdeskCase


class HelpdeskAfterSaleCase(HelpdeskCase):
    """A team doing returns; a customer company with a delivered sales order (a
    kettle x3, a serial-tracked coffee machine x2 with serials SN-1, SN-2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.use_product_returns = True
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.stock = cls.warehouse.lot_stock_id
        Product = cls.env["product.product"]
        cls.kettle = Product.create(
            {"name": "T Kettle", "is_storable": True, "list_price": 40.0}
        )
        cls.machine = Product.create(
            {
                "name": "T Coffee machine",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 400.0,
            }
        )
        Lot = cls.env["stock.lot"]
        cls.serials = Lot.create(
            [
                {"name": name, "product_id": cls.machine.id}
                for name in ("SN-1", "SN-2", "SN-3")
            ]
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.kettle, cls.stock, 20)
        for serial in cls.serials:
            Quant._update_available_quantity(cls.machine, cls.stock, 1, lot_id=serial)
        cls.acme = cls.env["res.partner"].create(
            {"name": "T Acme Shop", "is_company": True}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "T Acme Buyer", "parent_id": cls.acme.id}
        )
        cls.stranger = cls.env["res.partner"].create({"name": "T Stranger"})
        cls.order = cls._delivered_order(
            cls.buyer, [(cls.kettle, 3), (cls.machine, 2)], serials=cls.serials[:2]
        )
        cls.delivery = cls.order.picking_ids
        cls.team.use_credit_notes = True
        cls.invoice = cls.order._create_invoices()
        cls.invoice.action_post()

    @classmethod
    def _delivered_order(cls, partner, products, serials=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                    for product, qty in products
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        for move in picking.move_ids:
            if move.product_id.tracking == "serial":
                move.move_line_ids.unlink()
                move.move_line_ids = [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "lot_id": serial.id,
                            "quantity": 1,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                        }
                    )
                    for serial in serials
                ]
            else:
                move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.with_context(skip_sms=True).button_validate()
        return order

    def _ticket(self, partner=None, **values):
        return self._create_tickets(1, partner_id=(partner or self.buyer).id, **values)

    def _after_sale_wizard(self, ticket, opener, user=None, **values):
        """The after-sales wizard the ticket's button ``opener`` opens, as
        ``user``, created with ``values`` (its defaults computed)."""
        env = self.env(user=user) if user else self.env
        action = getattr(ticket.with_env(env), opener)()
        return (
            env[action["res_model"]]
            .with_context(**action["context"])
            .create({"ticket_id": ticket.id, **values})
        )

    def _return_wizard(self, ticket, user=None, quantities=None, **values):
        """The ticket's return wizard, with ``quantities`` {product: qty} set on
        its lines."""
        wizard = self._after_sale_wizard(
            ticket, "action_open_return_wizard", user, **values
        )
        for product, qty in (quantities or {}).items():
            wizard.line_ids.filtered(
                lambda line, p=product: line.product_id == p
            ).quantity = qty
        return wizard
