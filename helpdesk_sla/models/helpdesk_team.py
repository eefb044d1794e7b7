# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.fields import Domain

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
