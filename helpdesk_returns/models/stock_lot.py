# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "helpdesk.after.sale.choice"]
