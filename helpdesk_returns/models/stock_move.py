# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
    )

    def _get_new_picking_values(self):
        vals = super()._get_new_picking_values()
        ticket = self.helpdesk_ticket_id[:1]
        if ticket:
            vals["helpdesk_ticket_id"] = ticket.id
        return vals
