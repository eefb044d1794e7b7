# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    helpdesk_sla_calendar_id = fields.Many2one(
        "resource.calendar",
        string="SLA Working Hours",
        help="Working hours used to count this customer's SLA deadlines (e.g. a "
        "24/7 contract). Set on the company: its contacts use it too. Empty: the "
        "policy's or the team's working hours.",
    )
