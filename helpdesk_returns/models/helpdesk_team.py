# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    use_product_returns = fields.Boolean(
        string="Returns",
        help="Agents take products back (and send replacements) from the team's "
        "tickets, on the customer's deliveries.",
    )
    use_credit_notes = fields.Boolean(
        string="Refunds",
        help="Agents refund the customer's posted invoices from the team's tickets "
        "(a credit note, or a credit note and a corrected invoice).",
    )
