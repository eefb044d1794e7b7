# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

TICKET_SEVERITIES = [
    ("blocker", "Blocker"),
    ("critical", "Critical"),
    ("major", "Major"),
    ("minor", "Minor"),
    ("trivial", "Trivial"),
]


class HelpdeskSlaSeverity(models.Model):
    """One record per ticket severity, so that a policy can match several."""

    _name = "helpdesk.sla.severity"
    _description = "Helpdesk SLA Severity"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(TICKET_SEVERITIES, required=True)

    _code_unique = models.UniqueIndex("(code)")
