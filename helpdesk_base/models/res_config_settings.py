# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    module_helpdesk_sla = fields.Boolean(string="SLA Policies")
    module_helpdesk_portal = fields.Boolean(string="Customer Portal")
    module_helpdesk_timesheet = fields.Boolean(string="Timesheets")
    module_helpdesk_channels = fields.Boolean(string="Messenger Channels")
    module_helpdesk_returns = fields.Boolean(string="Returns and Repairs")
    helpdesk_use_sms = fields.Boolean(
        string="SMS on Stage Change",
        config_parameter="helpdesk_base.use_sms",
        help="Show the SMS template of stages.",
    )
