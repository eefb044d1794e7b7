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

    # ------------------------------------------------------------------ billing
    use_helpdesk_sale_timesheet = fields.Boolean(
        string="Time Billing",
        help="The time logged on a ticket is billed through the sales order line "
        "set on the ticket: a prepaid pack of hours of the customer is picked by "
        "itself, a postpaid line (billed on timesheets) can be chosen by hand.",
    )
    timesheet_product_id = fields.Many2one(
        "product.product",
        string="Default Service",
        default=lambda self: self.env.ref(
            "sale_timesheet.time_product", raise_if_not_found=False
        ),
        domain="[('type', '=', 'service'), ('service_type', '=', 'timesheet'), "
        "('company_id', 'in', [company_id, False])]",
        help="The service sold for the team's time (hours, invoiced on timesheets): "
        "the default product of the team's project.",
    )
    sale_fallback_postpaid = fields.Boolean(
        string="Then Bill Postpaid",
        help="When the customer's prepaid hours are used up, new timesheets go to "
        "the customer's most recent postpaid line (billed on timesheets) instead "
        "of going over the pack.",
    )
    low_balance_hours = fields.Float(
        string="Low Balance Alert (Hours)",
        default=2.0,
        help="When the hours left on a customer's prepaid line fall to this number "
        "(or below), the salesperson gets an activity and the customer an e-mail, "
        "once per line. 0: no alert.",
    )
    low_balance_template_id = fields.Many2one(
        "mail.template",
        string="Low Balance E-mail",
        domain="[('model', '=', 'sale.order')]",
        default=lambda self: self.env.ref(
            "helpdesk_timesheet.mail_template_low_balance", raise_if_not_found=False
        ),
        help="The e-mail sent to the customer when a prepaid line runs low.",
    )
    portal_show_timesheets = fields.Boolean(
        string="Timesheets in the Portal",
        help="Customers see on their tickets the time spent (date, description, "
        "hours) and the prepaid line it is billed to, and their prepaid balance "
        "on their portal.",
    )

    _timer_settings_positive = models.Constraint(
        "CHECK (timer_rounding >= 0 AND timer_min_duration >= 0)",
        "The timer's rounding and minimum duration cannot be negative.",
    )
    _low_balance_positive = models.Constraint(
        "CHECK (low_balance_hours >= 0)",
        "The low balance alert cannot be negative.",
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

    @api.constrains("use_helpdesk_sale_timesheet", "use_helpdesk_timesheet")
    def _check_billing_needs_timesheets(self):
        for team in self:
            if team.use_helpdesk_sale_timesheet and not team.use_helpdesk_timesheet:
                raise ValidationError(
                    self.env._(
                        "The team %(team)s bills time it does not log: switch its "
                        "Timesheets on too.",
                        team=team.name,
                    )
                )

    @api.onchange("use_helpdesk_timesheet")
    def _onchange_use_helpdesk_timesheet(self):
        if not self.use_helpdesk_timesheet:
            self.use_helpdesk_sale_timesheet = False

    @api.model_create_multi
    def create(self, vals_list):
        teams = super().create(vals_list)
        teams.filtered(
            lambda t: t.use_helpdesk_timesheet and not t.project_id
        )._create_timesheet_projects()
        teams.filtered("project_id")._sync_project_billing()
        return teams

    def write(self, vals):
        billing_before = {team: team.use_helpdesk_sale_timesheet for team in self}
        res = super().write(vals)
        if vals.get("use_helpdesk_timesheet"):
            self.filtered(lambda t: not t.project_id)._create_timesheet_projects()
        if {
            "use_helpdesk_sale_timesheet",
            "timesheet_product_id",
            "project_id",
        } & set(vals):
            self.filtered("project_id")._sync_project_billing()
        started = self.filtered(
            lambda t: t.use_helpdesk_sale_timesheet and not billing_before[t]
        )
        if started:
            # the open tickets of a team that starts billing pick their
            # customers' prepaid lines, as new tickets do
            self.env["helpdesk.ticket"].search(
                [
                    ("team_id", "in", started.ids),
                    ("is_closed", "=", False),
                    ("sale_line_id", "=", False),
                    ("partner_id", "!=", False),
                ]
            )._pick_sale_lines()
        return res

    @api.model
    def _init_low_balance_template(self):
        """At install: the teams created before this addon get the default
        low-balance e-mail (the template did not exist when its column was
        filled)."""
        template = self.env.ref(
            "helpdesk_timesheet.mail_template_low_balance", raise_if_not_found=False
        )
        if template:
            self.with_context(active_test=False).search(
                [("low_balance_template_id", "=", False)]
            ).write({"low_balance_template_id": template.id})

    def _sync_project_billing(self):
        """The team's project bills its timesheets when the team does (as
        superuser: managing the helpdesk does not require managing projects)."""
        for team in self:
            project = team.project_id.sudo()
            billable = team.use_helpdesk_sale_timesheet
            vals = {}
            if project.allow_billable != billable:
                vals["allow_billable"] = billable
            if billable and team.timesheet_product_id:
                if project.timesheet_product_id != team.timesheet_product_id:
                    vals["timesheet_product_id"] = team.timesheet_product_id.id
            if vals:
                project.write(vals)

    def _prepare_timesheet_project_vals(self):
        """Hook: the values of the project created for the team's timesheets."""
        self.ensure_one()
        return {
            "name": self.name,
            "company_id": self.company_id.id,
            "allow_timesheets": True,
            "allow_billable": self.use_helpdesk_sale_timesheet,
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
