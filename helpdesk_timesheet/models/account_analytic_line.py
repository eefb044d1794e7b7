# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# more than a day of work in one line is a typo (e.g. minutes typed as hours)
MAX_TICKET_LINE_HOURS = 24.0


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('use_helpdesk_timesheet', '=', True), "
        "('company_id', 'in', [company_id, False])]",
    )
    helpdesk_team_id = fields.Many2one(
        related="helpdesk_ticket_id.team_id",
        string="Helpdesk Team",
        store=True,
        index="btree_not_null",
    )

    @api.depends("helpdesk_ticket_id.partner_id")
    def _compute_partner_id(self):
        res = super()._compute_partner_id()
        for line in self.filtered("helpdesk_ticket_id"):
            line.partner_id = line.helpdesk_ticket_id.commercial_partner_id
        return res

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo replays a call after a serialization failure with the same
        # arguments: the values are completed on copies
        vals_list = [self._prepare_helpdesk_vals(dict(vals)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("helpdesk_ticket_id"):
            vals = self._prepare_helpdesk_vals(dict(vals))
        elif "unit_amount" in vals and any(self.mapped("helpdesk_ticket_id")):
            self._check_helpdesk_hours(vals["unit_amount"])
        return super().write(vals)

    @api.model
    def _check_helpdesk_hours(self, hours):
        if not 0 <= (hours or 0.0) <= MAX_TICKET_LINE_HOURS:
            raise ValidationError(
                self.env._(
                    "The time spent on a ticket must be between 0 and %(max)s "
                    "hours per line (%(hours)s given).",
                    max=int(MAX_TICKET_LINE_HOURS),
                    hours=round(hours, 2),
                )
            )

    @api.model
    def _prepare_helpdesk_vals(self, vals):
        """A line logged on a ticket is booked on the ticket's team project: the
        project is set from the ticket; a ticket whose team logs no time is
        refused with the reason."""
        ticket_id = vals.get("helpdesk_ticket_id")
        if not ticket_id:
            return vals
        self._check_helpdesk_hours(vals.get("unit_amount", 0.0))
        ticket = self.env["helpdesk.ticket"].sudo().browse(ticket_id).exists()
        if not ticket:
            raise ValidationError(self.env._("This ticket does not exist any more."))
        project = ticket.team_id.project_id
        if not ticket.team_id.use_helpdesk_timesheet or not project:
            raise ValidationError(
                self.env._(
                    "The team %(team)s of ticket %(ticket)s does not log time: switch "
                    "its Timesheets on first.",
                    team=ticket.team_id.display_name or "-",
                    ticket=ticket.display_name,
                )
            )
        vals.setdefault("project_id", project.id)
        if vals["project_id"] != project.id:
            raise ValidationError(
                self.env._(
                    "The time of ticket %(ticket)s is booked on the project "
                    "%(project)s of its team.",
                    ticket=ticket.display_name,
                    project=project.display_name,
                )
            )
        return vals

    @api.constrains("helpdesk_ticket_id", "unit_amount", "project_id", "company_id")
    def _check_helpdesk_ticket(self):
        for line in self.filtered("helpdesk_ticket_id"):
            line._check_helpdesk_hours(line.unit_amount)
            ticket = line.helpdesk_ticket_id
            if line.project_id != ticket.sudo().team_id.project_id:
                raise ValidationError(
                    self.env._(
                        "The time of ticket %(ticket)s is booked on the project of "
                        "its team.",
                        ticket=ticket.display_name,
                    )
                )
            if ticket.company_id and line.company_id != ticket.company_id:
                raise ValidationError(
                    self.env._(
                        "The timesheet and the ticket %(ticket)s belong to different "
                        "companies.",
                        ticket=ticket.display_name,
                    )
                )
