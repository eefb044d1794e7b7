# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command, Domain

PREVIEW_DAYS = 30
# values of the policy the preview is computed from: its criteria and targets
PREVIEW_POLICY_FIELDS = (
    "team_id",
    "priority_ids",
    "severity_ids",
    "ticket_type_ids",
    "tag_ids",
    "partner_ids",
    "domain",
    "calendar_id",
    "first_response_hours",
    "resolution_hours",
)


class HelpdeskSlaPreview(models.TransientModel):
    """What policy values would have given on the tickets of the last 30 days.

    The wizard carries its own copy of the criteria and targets: the policy
    form's button passes the values being edited (saved or not) and the user may
    try other targets in the dialog. Nothing is written on the policy, on tickets
    or on status lines."""

    _name = "helpdesk.sla.preview"
    _description = "Helpdesk SLA Policy Preview"

    sla_id = fields.Many2one("helpdesk.sla", string="SLA Policy", ondelete="cascade")
    team_id = fields.Many2one("helpdesk.team", required=True, ondelete="cascade")
    priority_ids = fields.Many2many("helpdesk.sla.priority", string="Priorities")
    severity_ids = fields.Many2many("helpdesk.sla.severity", string="Severities")
    ticket_type_ids = fields.Many2many("helpdesk.ticket.type", string="Ticket Types")
    tag_ids = fields.Many2many("helpdesk.tag", string="Tags")
    partner_ids = fields.Many2many("res.partner", string="Customers")
    domain = fields.Char(string="Extra Conditions")
    calendar_id = fields.Many2one("resource.calendar", string="Working Hours")
    first_response_hours = fields.Float(
        string="First Response", help="Working hours; 0: not previewed."
    )
    resolution_hours = fields.Float(
        string="Resolution", help="Working hours; 0: not previewed."
    )
    ticket_count = fields.Integer(string="Tickets", compute="_compute_counts")
    first_response_met = fields.Integer(compute="_compute_counts")
    first_response_failed = fields.Integer(compute="_compute_counts")
    resolution_met = fields.Integer(compute="_compute_counts")
    resolution_failed = fields.Integer(compute="_compute_counts")
    pending_count = fields.Integer(string="Still Running", compute="_compute_counts")

    @api.model
    def default_get(self, fields_list):
        """Values of the policy ``default_sla_id`` for what the context does not
        give (the form's button gives every value being edited)."""
        defaults = super().default_get(fields_list)
        sla = self.env["helpdesk.sla"].browse(defaults.get("sla_id"))
        if not sla:
            return defaults
        for name in PREVIEW_POLICY_FIELDS:
            if name not in fields_list or f"default_{name}" in self.env.context:
                continue
            field = sla._fields[name]
            if field.type == "many2one":
                defaults[name] = sla[name].id
            elif field.type == "many2many":
                defaults[name] = [Command.set(sla[name].ids)]
            else:
                defaults[name] = sla[name]
        return defaults

    @api.depends(*PREVIEW_POLICY_FIELDS)
    def _compute_counts(self):
        now = fields.Datetime.now()
        for preview in self:
            preview.update(preview._get_counts(now))

    def _get_policy(self):
        """An unsaved policy with the wizard's values, for the policy's matching
        and calendar rules."""
        self.ensure_one()
        return (
            self.env["helpdesk.sla"]
            .sudo()
            .new(
                {
                    "name": self.sla_id.name or "",
                    **{
                        name: self[name]
                        for name in PREVIEW_POLICY_FIELDS
                        if name != "domain"
                    },
                    "domain": self.domain,
                }
            )
        )

    def _get_counts(self, now):
        self.ensure_one()
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
        if not self.team_id:
            return counts
        sla = self._get_policy()
        criteria = sla._read_criteria()[sla]
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                Domain("team_id", "=", self.team_id.id)
                & Domain("create_date", ">=", now - timedelta(days=PREVIEW_DAYS))
            )
            .filtered(lambda ticket: sla._matches_ticket(ticket, criteria))
        )
        try:
            extra_domain = sla._get_extra_domain()
            extra_domain.validate(tickets)
            tickets = tickets.filtered_domain(extra_domain)
        except (ValueError, SyntaxError, TypeError, KeyError) as error:
            raise UserError(
                self.env._(
                    "The extra conditions are not a valid ticket domain: %(error)s",
                    error=error,
                )
            ) from error
        counts["ticket_count"] = len(tickets)
        checks = []
        if self.first_response_hours > 0:
            checks.append(
                ("first_response", self.first_response_hours, "date_first_response")
            )
        if self.resolution_hours > 0:
            checks.append(("resolution", self.resolution_hours, "date_closed"))
        for target, hours, done_field in checks:
            requests = [
                (ticket._get_sla_calendar(sla), ticket.create_date, hours)
                for ticket in tickets
            ]
            deadlines = self.env["resource.calendar"]._helpdesk_work_plan(requests)
            for ticket, deadline in zip(tickets, deadlines, strict=True):
                done = ticket[done_field]
                if done and (not deadline or done <= deadline):
                    counts[f"{target}_met"] += 1
                elif done or (deadline and deadline < now):
                    counts[f"{target}_failed"] += 1
                else:
                    counts["pending_count"] += 1
        return counts
