# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools.misc import unquote


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    use_helpdesk_timesheet = fields.Boolean(
        related="team_id.use_helpdesk_timesheet", string="Team Logs Time"
    )
    project_id = fields.Many2one(
        related="team_id.project_id", string="Timesheet Project"
    )
    # the customer sees the time of a ticket on its portal page, when the team
    # shows it: never through the ticket's fields
    timesheet_ids = fields.One2many(
        "account.analytic.line",
        "helpdesk_ticket_id",
        string="Timesheets",
        groups="base.group_user",
    )
    total_hours_spent = fields.Float(
        string="Hours Spent",
        compute="_compute_total_hours_spent",
        store=True,
        compute_sudo=True,
        aggregator="sum",
        groups="base.group_user",
        help="Time logged on the ticket by every agent.",
    )

    # ------------------------------------------------------------------ billing
    use_helpdesk_sale_timesheet = fields.Boolean(
        related="team_id.use_helpdesk_sale_timesheet", string="Team Bills Time"
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sales Order Item",
        compute="_compute_sale_line_id",
        store=True,
        readonly=False,
        tracking=True,
        index="btree_not_null",
        groups="base.group_user",
        domain=lambda self: str(self._domain_sale_line_id()),
        context={"with_remaining_hours": True},
        help="The sales order item the time logged on the ticket is billed to. "
        "With a customer, the most recent prepaid line with hours left is picked "
        "by itself; a postpaid line (billed on timesheets) can be chosen by hand. "
        "Empty: the time is not billed.",
    )
    sale_line_order_id = fields.Many2one(
        related="sale_line_id.order_id",
        string="Billed Sales Order",
        groups="base.group_user",
    )
    remaining_hours_available = fields.Boolean(
        related="sale_line_id.remaining_hours_available", groups="base.group_user"
    )
    remaining_hours_so = fields.Float(
        string="Remaining Hours on SO",
        compute="_compute_remaining_hours_so",
        search="_search_remaining_hours_so",
        compute_sudo=True,
        groups="base.group_user",
        help="The hours left on the prepaid sales order item of the ticket "
        "(negative: more time was spent than sold).",
    )

    timer_ids = fields.One2many(
        "helpdesk.ticket.timer",
        "ticket_id",
        string="Timers",
        groups="base.group_user",
    )
    timer_state = fields.Selection(
        [("none", "No Timer"), ("running", "Running"), ("paused", "Paused")],
        compute="_compute_timer_state",
        help="The current agent's timer on the ticket.",
    )
    timer_date_running = fields.Datetime(compute="_compute_timer_state")
    timer_elapsed_seconds = fields.Integer(compute="_compute_timer_state")

    # ------------------------------------------------------------------ billing
    def _domain_sale_line_id(self):
        SaleOrderLine = self.env["sale.order.line"]
        return Domain.AND(
            [
                SaleOrderLine._sellable_lines_domain(),
                SaleOrderLine._domain_sale_line_service(),
                [
                    (
                        "order_partner_id.commercial_partner_id",
                        "=",
                        unquote("commercial_partner_id"),
                    ),
                    ("company_id", "=?", unquote("company_id")),
                ],
            ]
        )

    @api.depends("commercial_partner_id", "company_id", "team_id")
    def _compute_sale_line_id(self):
        """A ticket keeps its line while the customer stays the same company;
        without one, a ticket of a team that bills time takes the customer's
        most recent prepaid line with hours left (as Odoo's tasks do)."""
        to_pick = self.browse()
        for ticket in self:
            if ticket.sale_line_id and not ticket._sale_line_fits(ticket.sale_line_id):
                ticket.sale_line_id = False
            if (
                not ticket.sale_line_id
                and ticket.team_id.use_helpdesk_sale_timesheet
                and ticket.commercial_partner_id
            ):
                to_pick |= ticket
        picked = to_pick._get_sale_line_candidates()
        for ticket in to_pick:
            ticket.sale_line_id = picked.get(ticket.id, False)

    def _sale_line_fits(self, line):
        """Whether ``line`` can bill the time of the ticket: a confirmed service
        line of the ticket's customer (commercial entity) and company."""
        self.ensure_one()
        line = line.sudo()
        return (
            line.order_partner_id.commercial_partner_id == self.commercial_partner_id
            and (not self.company_id or line.company_id == self.company_id)
        )

    def _get_sale_line_candidates(self, prepaid=True, exclude=None):
        """The line each ticket of ``self`` would be billed to, ``{ticket id:
        sale.order.line}``, in one search: the most recent confirmed prepaid line
        of the customer with hours left (``prepaid=False``: the most recent
        postpaid line, billed on timesheets), in the ticket's company."""
        tickets = self.filtered("commercial_partner_id")
        if not tickets:
            return {}
        if prepaid:
            domain = Domain("remaining_hours", ">", 0)
        else:
            domain = Domain("qty_delivered_method", "=", "timesheet") & Domain(
                "product_id.invoice_policy", "=", "delivery"
            )
        if exclude:
            domain &= Domain("id", "not in", exclude.ids)
        lines = self.env["sale.order.line"]._helpdesk_customer_lines(
            tickets.commercial_partner_id, domain
        )
        if not prepaid:
            lines = lines.filtered(lambda line: not line.remaining_hours_available)
        result = {}
        for ticket in tickets:
            for line in lines:
                if ticket._sale_line_fits(line):
                    result[ticket.id] = line
                    break
        return result

    def _pick_sale_lines(self):
        """Give the tickets of ``self`` without a line their customer's prepaid
        line (a team that starts billing, a customer set later)."""
        tickets = self.filtered(
            lambda t: not t.sale_line_id and t.team_id.use_helpdesk_sale_timesheet
        )
        picked = tickets._get_sale_line_candidates()
        for ticket in tickets.sudo():
            if picked.get(ticket.id):
                ticket.sale_line_id = picked[ticket.id]

    def _switch_exhausted_sale_lines(self):
        """Before time is logged on them: a ticket whose prepaid line is used up
        moves on to the customer's next prepaid line with hours left (or, when
        the team says so, to the customer's postpaid line); the time already
        logged stays where it was. Said in the ticket's history."""
        exhausted = self.sudo().filtered(
            lambda t: t.team_id.use_helpdesk_sale_timesheet
            and t.sale_line_id.remaining_hours_available
            and t.sale_line_id.remaining_hours <= 0
        )
        if not exhausted:
            return
        next_lines = exhausted._get_sale_line_candidates(exclude=exhausted.sale_line_id)
        postpaid = exhausted.filtered(
            lambda t: t.id not in next_lines and t.team_id.sale_fallback_postpaid
        )._get_sale_line_candidates(prepaid=False)
        for ticket in exhausted:
            new_line = next_lines.get(ticket.id) or postpaid.get(ticket.id)
            if not new_line:
                continue  # nothing else to bill: the pack goes negative
            old_line = ticket.sale_line_id
            ticket.timesheet_ids.filtered(
                lambda t, old=old_line: t.so_line == old and not t.is_so_line_edited
            ).write({"is_so_line_edited": True})
            ticket.sale_line_id = new_line
            ticket.message_post(
                body=self.env._(
                    "The prepaid hours of %(old)s are used up: new time is billed "
                    "to %(new)s.",
                    old=old_line.with_context(with_remaining_hours=False).order_id.name,
                    new=new_line.with_context(with_remaining_hours=True).display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.constrains("sale_line_id", "partner_id", "company_id")
    def _check_sale_line_id(self):
        for ticket in self.filtered("sale_line_id"):
            line = ticket.sale_line_id.sudo()
            if not ticket._sale_line_fits(line):
                raise ValidationError(
                    self.env._(
                        "The sales order item %(line)s belongs to another customer "
                        "or company than the ticket %(ticket)s: choose one of "
                        "%(customer)s's confirmed orders.",
                        line=line.display_name,
                        ticket=ticket.display_name,
                        customer=ticket.commercial_partner_id.display_name
                        or self.env._("the customer"),
                    )
                )
            if not line.is_service or line.state != "sale":
                raise ValidationError(
                    self.env._(
                        "The sales order item %(line)s cannot bill time: it must be "
                        "a service of a confirmed order.",
                        line=line.display_name,
                    )
                )

    @api.depends("sale_line_id.remaining_hours", "timesheet_ids.unit_amount")
    def _compute_remaining_hours_so(self):
        """The line's hours left; in a form being edited, the unsaved changes of
        the ticket's timesheets are counted too (as on Odoo's tasks)."""
        uom_hour = self.env.ref("uom.product_uom_hour")
        for ticket in self:
            line = ticket.sale_line_id
            remaining = line.remaining_hours if line else 0.0
            if line.remaining_hours_available and not isinstance(ticket.id, int):
                for timesheet in ticket.timesheet_ids:
                    delta = 0.0
                    if timesheet._origin.so_line == line:
                        delta += timesheet._origin.unit_amount
                    if timesheet.so_line == line:
                        delta -= timesheet.unit_amount
                    if delta:
                        remaining += timesheet.product_uom_id._compute_quantity(
                            delta, uom_hour
                        )
            ticket.remaining_hours_so = remaining

    @api.model
    def _search_remaining_hours_so(self, operator, value):
        return [("sale_line_id.remaining_hours", operator, value)]

    def _portal_timesheet_values(self):
        """What the customer sees of the time spent on the ticket, when its team
        shows it: the entries (date, description, hours: no employee, no cost)
        and the line they are billed to. Empty otherwise."""
        self.ensure_one()
        ticket = self.sudo()
        team = ticket.team_id
        if not (team.use_helpdesk_timesheet and team.portal_show_timesheets):
            return {}
        entries = ticket.timesheet_ids.sorted(
            lambda line: (line.date, line.id), reverse=True
        )
        line = ticket.sale_line_id if team.use_helpdesk_sale_timesheet else None
        billing = {}
        if line:
            billing = {
                "text": self.env._(
                    "Billed to your prepaid hours, %(product)s: %(hours)s",
                    product=line.product_id.name,
                    hours=line._helpdesk_hours_text(),
                )
                if line.remaining_hours_available
                else self.env._("Billed on the time spent"),
                "overdrawn": line.remaining_hours_available
                and line.remaining_hours < 0,
                "order": line.order_id.name,
                "url": line.order_id.access_url,
            }
        return {
            "entries": [
                {
                    "date": entry.date,
                    "name": entry.name,
                    "hours": entry.unit_amount,
                    # an entry billed to another order than the ticket's now
                    # (a used-up pack) says which
                    "order": entry.so_line.order_id.name
                    if entry.so_line and entry.so_line != line
                    else "",
                }
                for entry in entries
            ],
            "total_hours": ticket.total_hours_spent,
            "sale_line": line or ticket.env["sale.order.line"],
            "billing": billing,
        }

    def action_view_sale_order(self):
        self.ensure_one()
        order = self.sale_line_order_id
        order.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "views": [(False, "form")],
            "name": order.name,
        }

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

    def write(self, vals):
        if (
            "sale_line_id" in vals
            and not self.env.su
            and not self.env.user.has_group("sales_team.group_sale_salesman")
        ):
            raise AccessError(
                self.env._(
                    "Only sales users choose the sales order item a ticket is "
                    "billed to."
                )
            )
        return super().write(vals)

    def _merge_into(self, target, subscribe_other_customers=False):
        """The time logged on merged tickets moves to the kept one (when its
        team logs time; time already invoiced moves only within its project)."""
        sources = self - target
        lines = (
            self.env["account.analytic.line"]
            .sudo()
            .search([("helpdesk_ticket_id", "in", sources.ids)])
        )
        res = super()._merge_into(
            target, subscribe_other_customers=subscribe_other_customers
        )
        target = target.sudo()
        project = target.team_id.project_id
        if lines and target.use_helpdesk_timesheet and project:
            # what an invoice or a hand-picked line bills stays where it is
            # unless the kept ticket can bill it the same way
            lines.filtered(
                lambda line: (line._is_not_billed() or line.project_id == project)
                and (
                    not line.so_line
                    or not line.is_so_line_edited
                    and line._is_not_billed()
                    or target._sale_line_fits(line.so_line)
                )
            ).write({"helpdesk_ticket_id": target.id})
        return res

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
        """The ticket's timesheets (hours per agent), where new ones are logged
        on it."""
        self.ensure_one()
        ref = self.env.ref
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Timesheets of %(ticket)s", ticket=self.display_name),
            "res_model": "account.analytic.line",
            "domain": [("helpdesk_ticket_id", "=", self.id)],
            "context": {
                "default_helpdesk_ticket_id": self.id,
                "default_project_id": self.project_id.id,
                # the time of each agent
                "search_default_groupby_employee": 1,
            },
            "views": [
                (ref("hr_timesheet.hr_timesheet_line_tree").id, "list"),
                (ref("hr_timesheet.view_hr_timesheet_line_pivot").id, "pivot"),
                (ref("hr_timesheet.view_hr_timesheet_line_graph").id, "graph"),
            ],
            "search_view_id": [ref("hr_timesheet.hr_timesheet_line_search").id],
        }
