# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.helpdesk_base.models.helpdesk_ticket import TICKET_PRIORITIES


class HelpdeskSlaPriority(models.Model):
    """One record per ticket priority, so that a policy can match several."""

    _name = "helpdesk.sla.priority"
    _description = "Helpdesk SLA Priority"
    _order = "code desc"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(TICKET_PRIORITIES, required=True)

    _code_unique = models.UniqueIndex("(code)")
