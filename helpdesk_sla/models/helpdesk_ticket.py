# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .helpdesk_sla import OPEN_STATUSES
from .helpdesk_sla_severity import TICKET_SEVERITIES
from .helpdesk_sla_status import RUNNING_STATUSES

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

    severity = fields.Selection(
        TICKET_SEVERITIES,
        tracking=True,
        compute="_compute_severity",
        store=True,
        readonly=False,
        precompute=True,
        help="How badly the customer is affected; new tickets without one take "
        "their team's default severity.",
    )
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
        index="btree_not_null",
        help="The earliest deadline of the running SLA targets.",
    )
    sla_fail = fields.Boolean(string="SLA Failed", compute="_compute_sla", store=True)
    sla_warning = fields.Boolean(
        string="SLA at Risk", compute="_compute_sla", store=True
    )
    _sla_fail_idx = models.Index("(team_id) WHERE sla_fail IS TRUE")

    @api.depends("team_id")
    def _compute_severity(self):
        for ticket in self:
            if not ticket.severity:
                ticket.severity = ticket.team_id.default_severity

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
        tickets._sla_sync(self.env.cr.now())
        return tickets

    def write(self, vals):
        res = super().write(vals)
        now = self.env.cr.now()
        if SLA_MATCHING_FIELDS & set(vals):
            self._sla_sync(now)
        if "stage_id" in vals:
            self._sla_on_stage_changed(now)
        return res

    # ------------------------------------------------------------------ SLA events
    def _sla_sync(self, now):
        """Give the tickets the lines of the policies they match and drop the
        open lines of the policies they no longer match (reached, failed and
        escalated lines are kept). The policies, their criteria and the
        calendars are read once for the whole batch, the deadlines planned in
        one batch before a single create. Returns the new lines."""
        tickets = self.sudo()
        Status = self.env["helpdesk.sla.status"].sudo()
        policies_by_ticket, criteria = self.env["helpdesk.sla"]._match_tickets(tickets)
        existing = tickets.sla_status_ids
        to_unlink = existing.filtered(
            lambda line: line.status in OPEN_STATUSES
            and not line.escalated
            and line.sla_id not in policies_by_ticket[line.ticket_id]
        )
        if to_unlink:
            to_unlink.unlink()
        existing = (existing - to_unlink)._refresh_terms(now)
        known = {(line.ticket_id, line.sla_id, line.target) for line in existing}
        if policies_by_ticket:
            # the customers' own SLA calendars (see _get_sla_calendar): one
            # narrow read rather than every column of the partners
            customers = tickets.partner_id | tickets.commercial_partner_id
            customers.fetch(["helpdesk_sla_calendar_id"])
        new_vals = []
        plans = []
        consumptions = []
        for ticket in tickets:
            for policy in policies_by_ticket[ticket]:
                calendar = ticket._get_sla_calendar(policy)
                pause_stages = criteria[policy]["pause_stage_ids"]
                for target, hours in policy._get_targets().items():
                    # next responses open on the customer's messages only
                    if target == "next_response" or (ticket, policy, target) in known:
                        continue
                    vals = ticket._prepare_sla_status_vals(policy, target, hours, now)
                    if (
                        vals["status"] == "ongoing"
                        and ticket.stage_id.id in pause_stages
                    ):
                        vals["status"] = "paused"
                    new_vals.append(vals)
                    if vals["status"] == "ongoing":
                        start = vals["date_start"]
                        vals["date_running"] = start
                        warning_hours = hours * policy.warning_percent / 100
                        plans.append((vals, calendar, start, hours, warning_hours))
                    elif vals["status"] == "paused":
                        end = min(ticket.date_last_stage_update or now, now)
                        consumptions.append((vals, calendar, vals["date_start"], end))
                    else:
                        # reached already (answered or closed before the policy
                        # applied): its deadline and time tell if it was late
                        start = vals["date_start"]
                        plans.append((vals, calendar, start, hours, hours))
                        consumptions.append(
                            (vals, calendar, start, vals["reached_date"])
                        )
        if not new_vals:
            return Status
        Calendar = self.env["resource.calendar"]
        planned = Calendar._helpdesk_work_plan(
            [
                request
                for _vals, calendar, start, hours, warning_hours in plans
                for request in (
                    (calendar, start, hours),
                    (calendar, start, warning_hours),
                )
            ]
        )
        for index, (vals, *_request) in enumerate(plans):
            vals["deadline"] = planned[2 * index]
            if vals["status"] == "reached":
                if vals["deadline"] and vals["reached_date"] > vals["deadline"]:
                    vals["status"] = "failed"
            else:
                vals["warning_date"] = planned[2 * index + 1]
        consumed = Calendar._helpdesk_work_hours(
            [request for _vals, *request in consumptions]
        )
        for (vals, *_request), hours in zip(consumptions, consumed, strict=True):
            vals["consumed_hours"] = hours
        lines = Status.create(new_vals)
        lines._check_timers(now)
        return lines

    def _sla_on_stage_changed(self, now):
        """Reach or reopen the resolutions, pause or resume the clocks."""
        Status = self.env["helpdesk.sla.status"].sudo()
        lines = self.sudo().sla_status_ids._refresh_terms(now)
        to_reach, to_reopen, to_pause, to_resume = (Status,) * 4
        reopen_paused = Status
        for line in lines:
            ticket, sla = line.ticket_id, line.sla_id
            paused_stage = ticket.stage_id in sla.pause_stage_ids
            if line.target == "resolution":
                done = ticket.is_closed or (
                    sla.stage_id and ticket.stage_id == sla.stage_id
                )
                if done and not line.reached_date:
                    to_reach |= line
                    continue
                if not done and line.reached_date:
                    if line._get_policy_hours() <= 0:
                        continue  # no target any more: the line stays closed
                    if paused_stage and line.status != "failed":
                        reopen_paused |= line
                    else:
                        to_reopen |= line
                    continue
            if line.reached_date:
                continue
            if ticket.is_closed:
                # closing fulfils the response targets too: a closed ticket
                # waits for no answer (a response never given stays late if
                # its deadline had passed)
                to_reach |= line
                continue
            if paused_stage and line.status in RUNNING_STATUSES:
                to_pause |= line
            elif not paused_stage and line.status == "paused":
                to_resume |= line
        if to_reach:
            to_reach._reach(now)
        if to_pause:
            to_pause._pause(now)
        if to_resume:
            to_resume._run(now)
        if to_reopen:
            to_reopen._run(now, reopen=True)
        if reopen_paused:
            # reopened straight into a pause stage: no clock, no deadline
            reopen_paused._take_policy_hours()
            reopen_paused._pause(now)

    def _sla_on_message(self, message, now):
        """An agent's public reply reaches the response targets; a customer's
        message opens a next-response window once the first response is sent."""
        self.ensure_one()
        ticket = self.sudo()
        if ticket._is_agent_message(message):
            lines = ticket.sla_status_ids.filtered(
                lambda line: line.target in ("first_response", "next_response")
                and not line.reached_date
            )
            if lines:
                lines._reach(now)
        elif ticket._is_customer_message(message):
            if ticket.date_first_response and not ticket.is_closed:
                ticket._sla_open_next_response(now)

    def _sla_open_next_response(self, now):
        """Open a next-response window at ``now`` for each matching policy with
        that target: a new line, or the policy's line reached before, started
        again. Paused at once in a pause stage of the policy."""
        self.ensure_one()
        Status = self.env["helpdesk.sla.status"].sudo()
        policies_by_ticket, criteria = self.env["helpdesk.sla"]._match_tickets(self)
        policies = policies_by_ticket[self]
        existing = {
            line.sla_id: line
            for line in self.sla_status_ids
            if line.target == "next_response"
        }
        restart = Status
        new_vals = []
        for policy in policies.filtered("next_response_hours"):
            line = existing.get(policy)
            if line and line.reached_date:
                restart |= line
            elif not line:
                new_vals.append(
                    self._prepare_sla_status_vals(
                        policy, "next_response", policy.next_response_hours, now
                    )
                )
        if restart:
            restart._restart(now)
        lines = restart | Status.create(new_vals)
        paused = lines.filtered(
            lambda line: self.stage_id.id in criteria[line.sla_id]["pause_stage_ids"]
        )
        if paused:
            paused._pause(now)
        if lines - paused:
            (lines - paused)._run(now, reopen=True)

    # ------------------------------------------------------------------ demo data
    @api.model
    def _sla_demo_age_tickets(self, ratios):
        """Demo data only: ``ratios`` maps XML ids of tickets to the share of their
        nearest SLA target already used. Each ticket's creation moves back by
        that many working hours and its SLA lines are rebuilt as of now, so that
        the demo shows targets in time, at risk, failed and paused whatever the
        day and hour it is installed."""
        now = self.env.cr.now().replace(microsecond=0)
        ratio_by_ticket = {}
        for xmlid, ratio in ratios.items():
            ticket = self.env.ref(xmlid, raise_if_not_found=False)
            if ticket:
                ratio_by_ticket[ticket] = ratio
        tickets = self.browse([ticket.id for ticket in ratio_by_ticket])
        # the demo tickets were created before this module: they take their
        # team's default severity (in SQL: no tracking message)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket t SET severity = team.default_severity "
                "FROM helpdesk_team team WHERE team.id = t.team_id "
                "AND t.severity IS NULL AND t.id = ANY(%s)",
                tickets.ids,
            )
        )
        self.env.invalidate_all()
        tickets._sla_sync(now)
        starts = {}
        for ticket, ratio in ratio_by_ticket.items():
            lines = ticket.sudo().sla_status_ids
            if not lines:
                continue
            running = lines.filtered(lambda line: not line.reached_date) or lines
            hours = min(running.mapped("target_hours")) * ratio
            calendar = ticket._get_sla_calendar(lines.sla_id[:1])
            start = calendar and calendar._helpdesk_work_hours_ago(
                now, hours, timedelta(days=120)
            )
            starts[ticket.id] = start or now - timedelta(hours=hours)
        if not starts:
            return
        tickets = self.browse(list(starts))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                # the agents answered soon after the creation
                "UPDATE helpdesk_ticket t SET create_date = v.start, "
                "date_first_response = CASE WHEN t.date_first_response IS NOT NULL "
                "THEN v.start + (%s - v.start) * 0.1 END "
                "FROM (SELECT unnest(%s::int[]) AS id, "
                "unnest(%s::timestamp[]) AS start) v WHERE t.id = v.id",
                now,
                list(starts),
                list(starts.values()),
            )
        )
        tickets.sudo().sla_status_ids.unlink()
        self.env.invalidate_all()
        # the working hours to the first answer and to the closing, from the
        # new creation dates (the team cards' averages)
        for date_field, hours_field in (
            ("date_first_response", "first_response_hours"),
            ("date_closed", "close_hours"),
        ):
            done = tickets.filtered(date_field)
            hours = done._working_hours_since_creation(date_field)
            for ticket, value in zip(done, hours, strict=True):
                ticket[hours_field] = value
        tickets._sla_sync(now)

    # ------------------------------------------------------------------ business
    def _get_customer_deadline(self):
        """The nearest deadline of a running response target (first or next
        response) of a policy shown to customers, if it is still ahead: a past
        date is no promise, the resolution and the agents' manual deadline are
        internal."""
        self.ensure_one()
        now = fields.Datetime.now()
        deadlines = [
            line.deadline
            for line in self.sudo().sla_status_ids
            if line.target in ("first_response", "next_response")
            and line.status in RUNNING_STATUSES
            and line.deadline
            and line.deadline > now
            and line.sla_id.show_to_customer
        ]
        return min(deadlines, default=False)

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
        """Values of a new status line, running or reached; the engine pauses
        it in a pause stage and plans the deadlines afterwards, in batch. Hook
        for satellites (e.g. to start the clock elsewhere)."""
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
        elif self.is_closed or (
            target == "resolution"
            and policy.stage_id
            and self.stage_id == policy.stage_id
        ):
            vals.update(reached_date=self.date_closed or now, status="reached")
        return vals

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if len(self) == 1:
            self._sla_on_message(message, self.env.cr.now())
        return res
