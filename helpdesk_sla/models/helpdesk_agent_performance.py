# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class HelpdeskAgentPerformance(models.Model):
    _inherit = "helpdesk.agent.performance"

    ticket_overdue_count = fields.Integer(
        string="Tickets Overdue",
        readonly=True,
        help="Tickets processed with an SLA target failed.",
    )

    @api.model
    def _closed_extra_columns(self):
        return dict(
            super()._closed_extra_columns(),
            ticket_overdue_count=SQL("COUNT(*) FILTER (WHERE ticket.sla_fail IS TRUE)"),
        )
