# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

PREVIEW_DAYS = 30


class HelpdeskSlaPreview(models.TransientModel):
    """What a policy would have given on the tickets of the last 30 days: computed
    on display, nothing is written on tickets or status lines."""

    _name = "helpdesk.sla.preview"
    _description = "Helpdesk SLA Policy Preview"

    sla_id = fields.Many2one(
        "helpdesk.sla", string="SLA Policy", required=True, ondelete="cascade"
    )
    ticket_count = fields.Integer(string="Tickets", compute="_compute_counts")
    first_response_met = fields.Integer(compute="_compute_counts")
    first_response_failed = fields.Integer(compute="_compute_counts")
    resolution_met = fields.Integer(compute="_compute_counts")
    resolution_failed = fields.Integer(compute="_compute_counts")
    pending_count = fields.Integer(string="Still Running", compute="_compute_counts")

    @api.depends("sla_id")
    def _compute_counts(self):
        now = fields.Datetime.now()
        for preview in self:
            counts = preview._get_counts(now)
            preview.update(counts)

    def _get_counts(self, now):
        self.ensure_one()
        sla = self.sla_id.sudo()
        counts = dict.fromkeys(
            (
                "ticket_count",
                "first_response_met",
                "first_response_failed",
                "resolution_met",
                "resolution_failed",
                "pending_count",
            ),
            0,
        )
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                Domain("team_id", "=", sla.team_id.id)
                & Domain("create_date", ">=", now - timedelta(days=PREVIEW_DAYS))
            )
        )
        tickets = tickets.filtered(sla._matches_ticket).filtered_domain(
            sla._get_extra_domain()
        )
        counts["ticket_count"] = len(tickets)
        checks = []
        if sla.first_response_hours:
            checks.append(
                ("first_response", sla.first_response_hours, "date_first_response")
            )
        if sla.resolution_hours:
            checks.append(("resolution", sla.resolution_hours, "date_closed"))
        for target, hours, done_field in checks:
            requests = [
                (ticket._get_sla_calendar(sla), ticket.create_date, hours)
                for ticket in tickets
            ]
            deadlines = self.env["resource.calendar"]._helpdesk_sla_plan(requests)
            for ticket, deadline in zip(tickets, deadlines, strict=True):
                done = ticket[done_field]
                if done and (not deadline or done <= deadline):
                    counts[f"{target}_met"] += 1
                elif done or (deadline and deadline < now):
                    counts[f"{target}_failed"] += 1
                else:
                    counts["pending_count"] += 1
        return counts
