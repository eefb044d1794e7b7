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
    use_product_repairs = fields.Boolean(
        string="Repairs",
        help="Agents open repair orders from the team's tickets, for the product "
        "the customer sent back.",
    )
    use_coupons = fields.Boolean(
        string="Coupons",
        help="Agents offer the customer a coupon from the team's tickets (a program "
        "of coupons, sent by e-mail).",
    )
    coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Default Coupon Program",
        domain="[('program_type', '=', 'coupons'), "
        "('company_id', 'in', [company_id, False])]",
        help="The program a ticket's coupon comes from by default.",
    )
