# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    helpdesk_ticket_id = fields.Many2one("helpdesk.ticket", string="Helpdesk Ticket")

    def _prepare_picking_default_values_based_on(self, picking):
        # the return, and the replacement made from it, point to the ticket
        vals = super()._prepare_picking_default_values_based_on(picking)
        ticket = self.helpdesk_ticket_id or picking.helpdesk_ticket_id
        if ticket:
            vals["helpdesk_ticket_id"] = ticket.id
        return vals

    def _get_proc_values(self, line):
        # a replacement delivered through the routes (Return for Exchange of a
        # delivery) points to the ticket too
        values = super()._get_proc_values(line)
        if self.helpdesk_ticket_id:
            values["helpdesk_ticket_id"] = self.helpdesk_ticket_id.id
        return values
