# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain

from .helpdesk_sla_severity import TICKET_SEVERITIES

# changing one of these may change the policies a ticket gets
SLA_MATCHING_FIELDS = {
    "team_id",
    "priority",
    "severity",
    "ticket_type_id",
    "tag_ids",
    "partner_id",
    "active",
}


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    severity = fields.Selection(TICKET_SEVERITIES, index=True, tracking=True)
    sla_status_ids = fields.One2many(
        "helpdesk.sla.status", "ticket_id", string="SLA Status"
    )
    sla_ids = fields.Many2many(
        "helpdesk.sla",
        string="SLA Policies",
        compute="_compute_sla_ids",
        search="_search_sla_ids",
        help="The policies with a target on the ticket.",
    )
    sla_deadline = fields.Datetime(
        string="SLA Deadline",
        compute="_compute_sla",
        store=True,
        index=True,
        help="The earliest deadline of the running SLA targets.",
    )
    sla_fail = fields.Boolean(
        string="SLA Failed", compute="_compute_sla", store=True, index=True
    )
    sla_warning = fields.Boolean(
        string="SLA at Risk", compute="_compute_sla", store=True
    )
    date_first_response = fields.Datetime(
        string="First Response on", readonly=True, copy=False
    )

    @api.depends("sla_status_ids.sla_id")
    def _compute_sla_ids(self):
        for ticket in self:
            ticket.sla_ids = ticket.sla_status_ids.sla_id

    def _search_sla_ids(self, operator, value):
        return Domain("sla_status_ids.sla_id", operator, value)

    @api.depends(
        "sla_status_ids.status",
        "sla_status_ids.deadline",
        "sla_status_ids.reached_date",
    )
    def _compute_sla(self):
        for ticket in self:
            lines = ticket.sla_status_ids
            deadlines = [
                line.deadline
                for line in lines
                if line.deadline and not line.reached_date and line.status != "paused"
            ]
            ticket.sla_deadline = min(deadlines) if deadlines else False
            statuses = set(lines.mapped("status"))
            ticket.sla_fail = "failed" in statuses
            ticket.sla_warning = "warning" in statuses

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        self.env["helpdesk.sla.status"]._sync_tickets(tickets, self.env.cr.now())
        return tickets

    def write(self, vals):
        res = super().write(vals)
        now = self.env.cr.now()
        Status = self.env["helpdesk.sla.status"]
        if SLA_MATCHING_FIELDS & set(vals):
            Status._sync_tickets(self, now)
        if "stage_id" in vals:
            Status._on_stage_changed(self, now)
        return res

    # ------------------------------------------------------------------ business
    def _get_customer_deadline(self):
        """The earliest running SLA deadline, else the agent-set deadline."""
        return self.sla_deadline or super()._get_customer_deadline()

    def _get_sla_calendar(self, policy):
        """Customer, then policy, then team working hours; none: round the clock."""
        self.ensure_one()
        return (
            self.partner_id.helpdesk_sla_calendar_id
            or self.commercial_partner_id.helpdesk_sla_calendar_id
            or policy.calendar_id
            or self.team_id.resource_calendar_id
        )

    def _prepare_sla_status_vals(self, policy, target, hours, now):
        """Values of a new status line; deadlines are planned afterwards, in
        batch. Hook for satellites (e.g. to start the clock elsewhere)."""
        self.ensure_one()
        vals = {
            "ticket_id": self.id,
            "sla_id": policy.id,
            "target": target,
            "target_hours": hours,
            "date_start": now if target == "next_response" else self.create_date or now,
            "status": "ongoing",
        }
        if target == "first_response" and self.date_first_response:
            vals.update(reached_date=self.date_first_response, status="reached")
        elif target == "resolution" and (
            self.is_closed or (policy.stage_id and self.stage_id == policy.stage_id)
        ):
            vals.update(reached_date=self.date_closed or now, status="reached")
        elif self.stage_id in policy.pause_stage_ids:
            vals["status"] = "paused"
        return vals

    def _is_sla_public_message(self, message):
        return (
            message.message_type in ("comment", "email")
            and not message.is_internal
            and message.subtype_id
            and not message.subtype_id.internal
        )

    def _is_sla_agent_message(self, message):
        """A public reply written by an internal user who is not the customer."""
        self.ensure_one()
        author = message.author_id
        return bool(
            self._is_sla_public_message(message)
            and author
            and author.commercial_partner_id != self.commercial_partner_id
            and any(not user.share for user in author.user_ids)
        )

    def _is_sla_customer_message(self, message):
        """A message of the customer (any contact of their company), of a portal
        user or of an outside sender: the customer is waiting for an answer."""
        self.ensure_one()
        author = message.author_id
        if not self._is_sla_public_message(message):
            return False
        if not author:
            return True
        return (
            author.commercial_partner_id == self.commercial_partner_id
            or not author.user_ids
            or all(user.share for user in author.user_ids)
        )

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if len(self) == 1:
            self.env["helpdesk.sla.status"]._on_message(
                self, message, self.env.cr.now()
            )
        return res
