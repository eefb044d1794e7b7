# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketTimer(models.Model):
    """An agent's timer on a ticket. It lives on the server (it survives a reload,
    a logout, another device) and never counts as delivered time: only its stop
    writes one timesheet line. One running timer per agent: starting another one
    pauses it."""

    _name = "helpdesk.ticket.timer"
    _description = "Helpdesk Ticket Timer"
    _order = "date_running desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        ondelete="cascade",
    )
    date_running = fields.Datetime(
        string="Running Since", help="Empty while the timer is paused."
    )
    elapsed_seconds = fields.Integer(
        help="Time counted by the runs before the current one."
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)

    _one_per_ticket = models.UniqueIndex("(user_id, ticket_id)")
    _one_running_per_user = models.UniqueIndex(
        "(user_id) WHERE date_running IS NOT NULL"
    )

    elapsed_hours = fields.Float(
        string="Time Counted",
        compute="_compute_elapsed_hours",
        help="The time the timer counted so far (until now while it runs).",
    )

    def _compute_elapsed_hours(self):
        now = fields.Datetime.now()
        for timer in self:
            timer.elapsed_hours = timer._elapsed_at(now) / 3600 if timer.id else 0.0

    def action_resume(self):
        self.ensure_one()
        self._check_owner()
        return self.ticket_id.with_user(self.user_id).action_timer_start()

    def action_pause(self):
        self._check_owner()
        self._pause(fields.Datetime.now())
        return True

    def action_stop(self):
        self.ensure_one()
        self._check_owner()
        return self.env["helpdesk.ticket.timer.stop"]._open_for(self)

    def action_open_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.ticket_id.id,
            "views": [(False, "form")],
        }

    def _elapsed_at(self, now):
        self.ensure_one()
        running = (now - self.date_running).total_seconds() if self.date_running else 0
        return self.elapsed_seconds + max(int(running), 0)

    def _pause(self, now):
        for timer in self.filtered("date_running"):
            timer.write(
                {"elapsed_seconds": timer._elapsed_at(now), "date_running": False}
            )

    @api.model
    def _round_hours(self, seconds, team):
        """Hours to log for ``seconds`` of work: rounded up to the team's step,
        at least its minimum (in minutes)."""
        minutes = seconds / 60
        step = team.timer_rounding or 0
        if step > 0:
            minutes = math.ceil(minutes / step - 1e-9) * step
        minutes = max(minutes, team.timer_min_duration or 0)
        return round(minutes / 60, 4)

    def _check_owner(self):
        if any(timer.user_id != self.env.user for timer in self) and not (
            self.env.su
            or self.env.user.has_group("helpdesk_base.helpdesk_base_group_manager")
        ):
            raise UserError(self.env._("This timer is another agent's."))
