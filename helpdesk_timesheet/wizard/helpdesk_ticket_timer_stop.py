# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketTimerStop(models.TransientModel):
    """Stopping a timer: what was done, and the hours to log (rounded by the
    team's rules, editable)."""

    _name = "helpdesk.ticket.timer.stop"
    _description = "Stop a Ticket Timer"

    timer_id = fields.Many2one("helpdesk.ticket.timer", required=True)
    ticket_id = fields.Many2one(related="timer_id.ticket_id")
    description = fields.Char()
    hours = fields.Float(string="Hours Spent", required=True)

    @api.model
    def _open_for(self, timer):
        # the timer keeps running until the agent confirms (cancelling the
        # dialog changes nothing); the hours proposed are those of now
        wizard = self.create(
            {
                "timer_id": timer.id,
                "hours": timer._round_hours(
                    timer._elapsed_at(fields.Datetime.now()), timer.ticket_id.team_id
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stop the timer"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Log ONE timesheet line with the hours and the description, then drop
        the timer."""
        self.ensure_one()
        timer = self.timer_id
        timer._check_owner()
        if not (self.description or "").strip():
            raise UserError(self.env._("Say what you did: the customer may read it."))
        self.env["account.analytic.line"].create(
            {
                "helpdesk_ticket_id": timer.ticket_id.id,
                "name": self.description.strip(),
                "unit_amount": self.hours,
                "user_id": timer.user_id.id,
                "date": fields.Date.context_today(self),
            }
        )
        timer.unlink()
        return {"type": "ir.actions.act_window_close"}
