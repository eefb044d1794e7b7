# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskStage(models.Model):
    _inherit = "helpdesk.stage"

    is_customer_closable = fields.Boolean(
        string="Closable by Customers",
        help="Customers can move their ticket to this closing stage from the portal, "
        "when it is one of the ticket team's stages.",
    )
