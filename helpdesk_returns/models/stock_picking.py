# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = [
        "stock.picking",
        "helpdesk.after.sale.record",
        "helpdesk.after.sale.choice",
    ]

    def _helpdesk_after_sale_states(self):
        """Plain words for agents and customers (Inventory's own labels read
        oddly in some languages)."""
        labels = {
            "draft": self.env._("Draft"),
            "waiting": self.env._("Waiting"),
            "confirmed": self.env._("Waiting"),
            "assigned": self.env._("Ready"),
            "done": self.env._("Done"),
            "cancel": self.env._("Cancelled"),
        }
        return {
            (picking._name, picking.id): labels.get(picking.state, "")
            for picking in self
        }
