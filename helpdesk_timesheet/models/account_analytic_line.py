# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# more than a day of work in one line is a typo (e.g. minutes typed as hours)
MAX_TICKET_LINE_HOURS = 24.0
# what an invoice fixed: a line on an invoice keeps them (sale_timesheet's list,
# and the ticket, whose customer the invoice billed)
INVOICE_LOCKED_FIELDS = {
    "unit_amount",
    "employee_id",
    "project_id",
    "task_id",
    "so_line",
    "date",
    "helpdesk_ticket_id",
}


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
        for line in self.filtered(
            lambda t: t.helpdesk_ticket_id and t._is_not_billed()
        ):
            line.partner_id = line.helpdesk_ticket_id.commercial_partner_id
        return res

    @api.depends("helpdesk_ticket_id.commercial_partner_id")
    def _compute_commercial_partner(self):
        res = super()._compute_commercial_partner()
        for line in self.filtered("helpdesk_ticket_id"):
            line.commercial_partner_id = (
                line.helpdesk_ticket_id.sudo().commercial_partner_id
            )
        return res

    @api.depends("helpdesk_ticket_id.sale_line_id")
    def _compute_so_line(self):
        # the ticket's line is read through _timesheet_determine_sale_line
        return super()._compute_so_line()

    def _timesheet_determine_sale_line(self):
        """Time logged on a ticket is billed to the ticket's sales order item;
        none: not billed."""
        self.ensure_one()
        if self.helpdesk_ticket_id:
            return self.helpdesk_ticket_id.sudo().sale_line_id
        return super()._timesheet_determine_sale_line()

    def _check_can_write(self, values):
        """Time on tickets: agents write their own lines, timesheet approvers
        and helpdesk managers everyone's; a line on an invoice is locked. Checked
        here in full, as superuser where the invoice is read: an agent has no
        right on invoices, core's check would end in an access error on them."""
        if self.env.su or not self or not all(self.mapped("helpdesk_ticket_id")):
            return super()._check_can_write(values)
        user = self.env.user
        if not (
            user.has_group("hr_timesheet.group_hr_timesheet_approver")
            or user.has_group("helpdesk_base.helpdesk_base_group_manager")
        ) and any(line.user_id != user for line in self):
            raise AccessError(
                self.env._("You cannot access timesheets that are not yours.")
            )
        if INVOICE_LOCKED_FIELDS & set(values) and any(
            not line._is_not_billed() for line in self.sudo()
        ):
            raise UserError(
                self.env._("You cannot modify timesheets that are already invoiced.")
            )
        return super(AccountAnalyticLine, self.sudo())._check_can_write(values)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_helpdesk_invoiced(self):
        # runs before sale_timesheet's own check (by name), which reads the
        # invoice with the user's rights: an agent has none on invoices
        if not self.env.su and any(
            line.timesheet_invoice_id.state not in (False, "cancel")
            for line in self.sudo().filtered("helpdesk_ticket_id")
        ):
            raise UserError(
                self.env._(
                    "You cannot remove a timesheet that has already been invoiced."
                )
            )

    def _check_timesheet_can_be_billed(self):
        return (
            super()._check_timesheet_can_be_billed()
            or self.so_line == self.helpdesk_ticket_id.sudo().sale_line_id
        )

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo replays a call after a serialization failure with the same
        # arguments: the values are completed on copies
        vals_list = [dict(vals) for vals in vals_list]
        ticket_ids = {
            vals["helpdesk_ticket_id"]
            for vals in vals_list
            if vals.get("helpdesk_ticket_id")
        }
        tickets = (
            self.env["helpdesk.ticket"].sudo().browse(ticket_ids).exists()
            if ticket_ids
            else self.env["helpdesk.ticket"]
        )
        tickets_by_id = {ticket.id: ticket for ticket in tickets}
        for vals in vals_list:
            self._prepare_helpdesk_vals(vals, tickets_by_id)
            ticket = tickets_by_id.get(vals.get("helpdesk_ticket_id"))
            if (
                ticket
                and vals.get("so_line")
                and not vals.get("is_so_line_edited")
                and vals["so_line"] == ticket.sale_line_id.id
            ):
                # the ticket's own line (a form fills it in): the line follows
                # the ticket, hand-over of a used-up pack included
                del vals["so_line"]
        # a used-up prepaid line hands over to the next one before new time lands
        following = {
            vals["helpdesk_ticket_id"]
            for vals in vals_list
            if vals.get("helpdesk_ticket_id") and "so_line" not in vals
        }
        tickets.filtered(lambda t: t.id in following)._switch_exhausted_sale_lines()
        lines = super().create(vals_list)
        lines._helpdesk_check_low_balance()
        return lines

    def write(self, vals):
        if vals.get("helpdesk_ticket_id"):
            vals = dict(vals)
            ticket = (
                self.env["helpdesk.ticket"].sudo().browse(vals["helpdesk_ticket_id"])
            )
            had_project = "project_id" in vals
            self._prepare_helpdesk_vals(
                vals, {ticket.id: ticket for ticket in ticket.exists()}
            )
            if not had_project and self.project_id.ids == [vals["project_id"]]:
                # same project: an invoiced line may still change ticket
                del vals["project_id"]
        elif "unit_amount" in vals and any(self.mapped("helpdesk_ticket_id")):
            self._check_helpdesk_hours(vals["unit_amount"])
        res = super().write(vals)
        if {"unit_amount", "so_line", "helpdesk_ticket_id"} & set(vals):
            self._helpdesk_check_low_balance()
        return res

    def _helpdesk_check_low_balance(self):
        """Alert once per prepaid line when the time logged on tickets brings
        its hours left to the team's threshold."""
        lines = self.sudo().filtered(
            lambda t: t.helpdesk_ticket_id
            and t.so_line.remaining_hours_available
            and not t.so_line.helpdesk_low_balance_notified
            and t.helpdesk_team_id.low_balance_hours > 0
        )
        for sale_line in lines.so_line:
            logged = lines.filtered(lambda t, sol=sale_line: t.so_line == sol)
            team = logged.helpdesk_team_id.sorted("low_balance_hours")[-1:]
            if sale_line.remaining_hours <= team.low_balance_hours:
                sale_line._helpdesk_notify_low_balance(
                    team, logged[-1:].helpdesk_ticket_id
                )

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
    def _prepare_helpdesk_vals(self, vals, tickets_by_id):
        """A line logged on a ticket is booked on the ticket's team project: the
        project is set from the ticket (``tickets_by_id``: the existing tickets of
        the batch, read at once); a ticket whose team logs no time is refused with
        the reason. ``vals`` is completed in place (a copy of the caller's)."""
        ticket_id = vals.get("helpdesk_ticket_id")
        if not ticket_id:
            return vals
        self._check_helpdesk_hours(vals.get("unit_amount", 0.0))
        ticket = tickets_by_id.get(ticket_id)
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

    @api.constrains(
        "helpdesk_ticket_id", "unit_amount", "project_id", "company_id", "so_line"
    )
    def _check_helpdesk_ticket(self):
        for line in self.filtered("helpdesk_ticket_id"):
            line._check_helpdesk_hours(line.unit_amount)
            ticket = line.helpdesk_ticket_id
            if line.so_line and not ticket.sudo()._sale_line_fits(line.so_line):
                raise ValidationError(
                    self.env._(
                        "The time of ticket %(ticket)s cannot be billed to "
                        "%(line)s: it is an order of another customer or company.",
                        ticket=ticket.display_name,
                        line=line.so_line.sudo().display_name,
                    )
                )
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
