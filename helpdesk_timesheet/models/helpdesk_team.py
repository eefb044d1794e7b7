# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    use_helpdesk_timesheet = fields.Boolean(
        string="Timesheets",
        help="Agents log the time they spend on the team's tickets; it is booked on "
        "the team's project.",
    )
    project_id = fields.Many2one(
        "project.project",
        string="Timesheet Project",
        domain="[('allow_timesheets', '=', True), "
        "('company_id', 'in', [company_id, False])]",
        index="btree_not_null",
        help="The project the team's timesheets are booked on: created with the "
        "team's name when timesheets are switched on without one.",
    )

    timer_rounding = fields.Integer(
        string="Round Timers Up To (Minutes)",
        default=15,
        help="A stopped timer logs its time rounded up to a multiple of this number "
        "of minutes (0: to the minute).",
    )
    timer_min_duration = fields.Integer(
        string="Minimum Duration (Minutes)",
        default=15,
        help="A stopped timer logs at least this number of minutes.",
    )

    _timer_settings_positive = models.Constraint(
        "CHECK (timer_rounding >= 0 AND timer_min_duration >= 0)",
        "The timer's rounding and minimum duration cannot be negative.",
    )

    @api.constrains("project_id", "company_id")
    def _check_project_company(self):
        for team in self:
            project = team.project_id
            if project.company_id and project.company_id != team.company_id:
                raise ValidationError(
                    self.env._(
                        "The timesheet project %(project)s belongs to another company "
                        "than the team %(team)s.",
                        project=project.display_name,
                        team=team.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams.filtered(
            lambda t: t.use_helpdesk_timesheet and not t.project_id
        )._create_timesheet_projects()
        return teams

    def write(self, vals):
        res = super().write(vals)
        if vals.get("use_helpdesk_timesheet"):
            self.filtered(lambda t: not t.project_id)._create_timesheet_projects()
        return res

    def _prepare_timesheet_project_vals(self):
        """Hook: the values of the project created for the team's timesheets."""
        self.ensure_one()
        return {
            "name": self.name,
            "company_id": self.company_id.id,
            "allow_timesheets": True,
            # every agent logs time on it (the timesheet rules need a project
            # the user sees); the tickets' own rules still say who sees what
            "privacy_visibility": "employees",
            "description": self.env._(
                "Timesheets of the helpdesk team %(team)s.", team=self.name
            ),
        }

    def _create_timesheet_projects(self):
        """A timesheet project for each team of ``self``, created in one batch (as
        superuser: managing the helpdesk does not require managing projects)."""
        if not self:
            return
        projects = (
            self.env["project.project"]
            .sudo()
            .create([team._prepare_timesheet_project_vals() for team in self])
        )
        for team, project in zip(self, projects, strict=True):
            team.project_id = project
