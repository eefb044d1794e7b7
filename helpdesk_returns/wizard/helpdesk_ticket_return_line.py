# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class HelpdeskTicketReturnLine(models.TransientModel):
    _name = "helpdesk.ticket.return.line"
    _description = "Product to Return from a Ticket"

    wizard_id = fields.Many2one(
        "helpdesk.ticket.return", required=True, ondelete="cascade"
    )
    move_id = fields.Many2one("stock.move", string="Delivered Move", required=True)
    product_id = fields.Many2one("product.product", required=True)
    uom_id = fields.Many2one("uom.uom", string="Unit")
    delivered_qty = fields.Float(string="Delivered", digits="Product Unit")
    returned_qty = fields.Float(string="Already Returned", digits="Product Unit")
    quantity = fields.Float(string="Quantity to Return", digits="Product Unit")
    lot_names = fields.Char(string="Delivered Lots")

    @api.model
    def _returnable_values(self, move):
        """What a delivered move can still give back (sudo records)."""
        returned = sum(
            ret.quantity if ret.state == "done" else ret.product_uom_qty
            for ret in move.returned_move_ids
            if ret.state != "cancel"
        )
        return {
            "move_id": move.id,
            "product_id": move.product_id.id,
            "uom_id": move.product_uom.id,
            "delivered_qty": move.quantity,
            "returned_qty": returned,
            "lot_names": ", ".join(move.move_line_ids.lot_id.mapped("name")),
        }
