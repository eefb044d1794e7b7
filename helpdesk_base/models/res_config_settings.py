# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    module_helpdesk_sla = fields.Boolean(string="SLA Policies")
    module_helpdesk_portal = fields.Boolean(string="Customer Portal")
    group_helpdesk_use_sms = fields.Boolean(
        string="SMS on Stage Change",
        implied_group="helpdesk_base.group_helpdesk_use_sms",
        help="Stages get an SMS template texted to the customer on entry.",
    )
