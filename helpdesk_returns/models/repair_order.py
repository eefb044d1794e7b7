# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "helpdesk.after.sale.record"]
