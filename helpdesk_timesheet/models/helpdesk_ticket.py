# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
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

    timer_ids = fields.One2many("helpdesk.ticket.timer", "ticket_id", string="Timers")
    timer_state = fields.Selection(
        [("none", "No Timer"), ("running", "Running"), ("paused", "Paused")],
        compute="_compute_timer_state",
        help="The current agent's timer on the ticket.",
    )
    timer_date_running = fields.Datetime(compute="_compute_timer_state")
    timer_elapsed_seconds = fields.Integer(compute="_compute_timer_state")

    @api.depends_context("uid")
    @api.depends("timer_ids.date_running", "timer_ids.user_id")
    def _compute_timer_state(self):
        timers = (
            {
                timer.ticket_id.id: timer
                for timer in self.env["helpdesk.ticket.timer"].search(
                    [("ticket_id", "in", self.ids), ("user_id", "=", self.env.uid)]
                )
            }
            if self.ids
            else {}
        )
        for ticket in self:
            timer = timers.get(ticket.id)
            if not timer:
                ticket.timer_state = "none"
            else:
                ticket.timer_state = "running" if timer.date_running else "paused"
            ticket.timer_date_running = timer.date_running if timer else False
            ticket.timer_elapsed_seconds = timer.elapsed_seconds if timer else 0

    # ------------------------------------------------------------------ timer
    def _my_timer(self):
        self.ensure_one()
        return self.env["helpdesk.ticket.timer"].search(
            [("ticket_id", "=", self.id), ("user_id", "=", self.env.uid)], limit=1
        )

    def action_timer_start(self):
        """Start (or resume) the current agent's timer on the ticket; their timer
        running on another ticket is paused."""
        self.ensure_one()
        self.check_access("read")
        if not self.use_helpdesk_timesheet:
            raise UserError(self.env._("The team of this ticket does not log time."))
        if self.is_closed:
            raise UserError(self.env._("This ticket is closed."))
        if not self.env.user.has_group("hr_timesheet.group_hr_timesheet_user"):
            raise UserError(
                self.env._("Logging time needs the Timesheets: User right.")
            )
        now = fields.Datetime.now()
        Timer = self.env["helpdesk.ticket.timer"]
        Timer.search(
            [("user_id", "=", self.env.uid), ("date_running", "!=", False)]
        )._pause(now)
        timer = self._my_timer()
        if timer:
            timer.date_running = now
        else:
            Timer.create({"ticket_id": self.id, "date_running": now})
        return True

    def action_timer_pause(self):
        self.ensure_one()
        self._my_timer()._pause(fields.Datetime.now())
        return True

    def action_timer_stop(self):
        """Ask what was done, then log one timesheet line."""
        self.ensure_one()
        timer = self._my_timer()
        if not timer:
            raise UserError(self.env._("You have no timer on this ticket."))
        return self.env["helpdesk.ticket.timer.stop"]._open_for(timer)

    def _on_stage_changed(self, now):
        res = super()._on_stage_changed(now)
        running = (
            self.env["helpdesk.ticket.timer"]
            .sudo()
            .search(
                [
                    ("ticket_id", "in", self.filtered("is_closed").ids),
                    ("date_running", "!=", False),
                ]
            )
        )
        if running:
            running._pause(now)
            for ticket in running.ticket_id:
                owners = running.filtered(
                    lambda t, ticket=ticket: t.ticket_id == ticket
                )
                ticket.message_post(
                    body=self.env._(
                        "The ticket is closed: your timer is paused. Stop it to log "
                        "your time."
                    ),
                    partner_ids=owners.user_id.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
        return res

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
