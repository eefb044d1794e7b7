# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import ValidationError


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.constrains("lot_id", "move_id")
    def _check_helpdesk_returned_lot(self):
        """What comes back on a ticket's return is what went out: a lot the
        customer never received on the returned delivery is refused."""
        for line in self.filtered("lot_id"):
            move = line.move_id
            origin = move.origin_returned_move_id
            if not (origin and move.picking_id.helpdesk_ticket_id):
                continue
            if origin.location_dest_id.usage != "customer":
                continue
            delivered = origin.move_line_ids.lot_id
            if line.lot_id not in delivered:
                raise ValidationError(
                    self.env._(
                        "The lot %(lot)s was not delivered to the customer on "
                        "%(delivery)s (delivered: %(delivered)s).",
                        lot=line.lot_id.name,
                        delivery=origin.picking_id.name,
                        delivered=", ".join(delivered.mapped("name")) or "-",
                    )
                )
