# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter, defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.helpdesk_base.models.helpdesk_team import percent

from .helpdesk_sla import OPEN_STATUSES
from .helpdesk_sla_severity import TICKET_SEVERITIES


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    use_sla = fields.Boolean(
        string="SLA Policies",
        default=True,
        help="Tickets of the team get the targets of the team's SLA policies. "
        "Turned off: no target is set and the targets still running are removed "
        "(reached and failed ones are kept for the reports); turned on again: the "
        "open tickets get the targets of the policies, counted from their "
        "creation.",
    )
    default_severity = fields.Selection(
        TICKET_SEVERITIES,
        default="minor",
        help="The severity of the team's new tickets that come without one (e-mail, "
        "portal, quick create): the SLA policies asking for a severity apply to "
        "them at once. Empty: such tickets match only the policies for any "
        "severity.",
    )
    sla_policy_ids = fields.One2many("helpdesk.sla", "team_id", string="SLA Policy")
    sla_policy_count = fields.Integer(
        string="SLA Policy Count", compute="_compute_sla_policy_count"
    )

    sla_failed_count = fields.Integer(
        string="SLA Failed", compute="_compute_dashboard_counts"
    )
    sla_warning_count = fields.Integer(
        string="SLA at Risk", compute="_compute_dashboard_counts"
    )
    my_sla_success = fields.Float(
        string="My SLA Success (30 days)", compute="_compute_dashboard_counts"
    )
    my_sla_count = fields.Integer(compute="_compute_dashboard_counts")

    @api.depends_context("uid")
    def _compute_dashboard_counts(self):
        """Open tickets failed or at risk, and the current agent's targets of the
        last 30 days reached in time: two more grouped queries for all teams."""
        res = super()._compute_dashboard_counts()
        counts = defaultdict(Counter)
        teams = self.filtered("id")
        if teams:
            for team, failed, warning, count in self.env["helpdesk.ticket"]._read_group(
                Domain("team_id", "in", teams.ids)
                & Domain("is_closed", "=", False)
                & (Domain("sla_fail", "=", True) | Domain("sla_warning", "=", True)),
                ["team_id", "sla_fail", "sla_warning"],
                ["__count"],
            ):
                if failed:
                    counts[team.id]["failed"] += count
                elif warning:
                    counts[team.id]["warning"] += count
            since = self.env.cr.now() - timedelta(days=30)
            for team, status, count in (
                self.env["helpdesk.sla.status"]
                .sudo()
                ._read_group(
                    Domain("team_id", "in", teams.ids)
                    & Domain("user_id", "=", self.env.uid)
                    & Domain("reached_date", ">=", since)
                    & Domain("status", "in", ["reached", "failed"]),
                    ["team_id", "status"],
                    ["__count"],
                )
            ):
                counts[team.id]["mine"] += count
                if status == "reached":
                    counts[team.id]["my_success"] += count
        for team in self:
            team_counts = counts[team.id]
            team.sla_failed_count = team_counts["failed"]
            team.sla_warning_count = team_counts["warning"]
            team.my_sla_count = team_counts["mine"]
            team.my_sla_success = percent(
                team_counts["my_success"], team_counts["mine"]
            )
        return res

    def action_view_sla_failed_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: SLA failed", team=self.name), ["filter_sla_failed"]
        )

    def action_view_sla_warning_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: SLA at risk", team=self.name),
            ["filter_sla_warning"],
        )

    def _compute_sla_policy_count(self):
        counts = dict(
            self.env["helpdesk.sla"]._read_group(
                Domain("team_id", "in", self.ids), ["team_id"], ["__count"]
            )
        )
        for team in self:
            team.sla_policy_count = counts.get(team, 0)

    def write(self, vals):
        switched = self.browse()
        if "use_sla" in vals:
            switched = self.filtered(lambda team: team.use_sla != bool(vals["use_sla"]))
        res = super().write(vals)
        turned_on = switched.filtered("use_sla")
        turned_off = switched - turned_on
        if turned_off:
            self.env["helpdesk.sla.status"].sudo().search(
                [
                    ("team_id", "in", turned_off.ids),
                    ("status", "in", list(OPEN_STATUSES)),
                ]
            ).unlink()
        if turned_on:
            # the open tickets get the policies' targets through the batch job
            turned_on.sla_policy_ids._schedule_sync()
        return res

    def action_view_sla_policies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_sla.helpdesk_sla_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id}
        return action
