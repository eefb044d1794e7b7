# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "helpdesk.after.sale.record"]

    def _get_new_picking_values(self):
        vals = super()._get_new_picking_values()
        ticket = self.helpdesk_ticket_id[:1]
        if ticket:
            vals["helpdesk_ticket_id"] = ticket.id
        return vals

    def _key_assign_picking(self):
        return (*super()._key_assign_picking(), self.helpdesk_ticket_id)

    def _search_picking_for_assignation_domain(self):
        """A ticket's replacement goes in a delivery of that ticket only, and no
        other move joins it: each ticket sees its own delivery."""
        return [
            *super()._search_picking_for_assignation_domain(),
            ("helpdesk_ticket_id", "=", self.helpdesk_ticket_id.id or False),
        ]
