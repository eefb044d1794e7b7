# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    use_helpdesk_timesheet = fields.Boolean(
        related="team_id.use_helpdesk_timesheet", string="Team Logs Time"
    )
    project_id = fields.Many2one(
        related="team_id.project_id", string="Timesheet Project"
    )
    timesheet_ids = fields.One2many(
        "account.analytic.line", "helpdesk_ticket_id", string="Timesheets"
    )
    total_hours_spent = fields.Float(
        string="Hours Spent",
        compute="_compute_total_hours_spent",
        store=True,
        compute_sudo=True,
        aggregator="sum",
        help="Time logged on the ticket by every agent.",
    )

    @api.depends("timesheet_ids.unit_amount")
    def _compute_total_hours_spent(self):
        """One grouped read for the whole batch (agents without timesheet rights
        see the total too)."""
        hours = defaultdict(float)
        tickets = self.filtered("id")
        if tickets:
            for ticket, amount in self.env["account.analytic.line"]._read_group(
                Domain("helpdesk_ticket_id", "in", tickets.ids),
                ["helpdesk_ticket_id"],
                ["unit_amount:sum"],
            ):
                hours[ticket.id] = amount
        for ticket in self:
            if ticket.id:
                ticket.total_hours_spent = hours[ticket.id]
            else:  # a ticket being edited in a form: its lines are in memory
                ticket.total_hours_spent = sum(
                    ticket.timesheet_ids.mapped("unit_amount")
                )

    def action_view_timesheets(self):
        """The ticket's timesheets, where new ones are logged on it."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_timesheet.helpdesk_timesheet_action_report"
        )
        action.update(
            name=self.env._("Timesheets of %(ticket)s", ticket=self.display_name),
            domain=[("helpdesk_ticket_id", "=", self.id)],
            context={
                "default_helpdesk_ticket_id": self.id,
                "default_project_id": self.project_id.id,
            },
            view_mode="list,pivot,graph",
            views=[(False, "list"), (False, "pivot"), (False, "graph")],
        )
        return action
