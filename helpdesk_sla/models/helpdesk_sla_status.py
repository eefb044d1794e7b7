# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from .helpdesk_sla import OPEN_STATUSES, SLA_TARGETS, TARGET_HOURS_FIELDS

RUNNING_STATUSES = ("ongoing", "warning")
# the line's target hours are still those of its policy: a line whose policy
# target changed is not flagged on its former terms before being planned again
UP_TO_DATE_TERMS = SQL(
    """
    helpdesk_sla_status.target_hours = (
        SELECT CASE helpdesk_sla_status.target
                   WHEN 'first_response' THEN sla.first_response_hours
                   WHEN 'next_response' THEN sla.next_response_hours
                   ELSE sla.resolution_hours
               END
          FROM helpdesk_sla sla
         WHERE sla.id = helpdesk_sla_status.sla_id)
    """
)


class HelpdeskSlaStatus(models.Model):
    """The state of one target (first response, next response, resolution) of one
    policy on one ticket. Lines are maintained by the SLA engine (as superuser):
    users only read them."""

    _name = "helpdesk.sla.status"
    _description = "Helpdesk SLA Status"
    _order = "deadline, id"
    _rec_name = "sla_id"

    # looked up by the unique index (ticket_id, sla_id, target)
    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    sla_id = fields.Many2one(
        "helpdesk.sla",
        string="SLA Policy",
        required=True,
        index=True,
        ondelete="cascade",
    )
    target = fields.Selection(SLA_TARGETS, required=True)
    # precomputed: a new line is inserted complete, not updated right after
    team_id = fields.Many2one(
        related="ticket_id.team_id", store=True, index=True, precompute=True
    )
    user_id = fields.Many2one(
        related="ticket_id.user_id",
        string="Agent",
        store=True,
        precompute=True,
    )
    company_id = fields.Many2one(
        related="ticket_id.company_id", store=True, precompute=True
    )
    target_hours = fields.Float(string="Target (hours)", aggregator="avg")
    date_start = fields.Datetime(string="Started on")
    date_running = fields.Datetime(
        string="Running Since",
        help="Start of the current running period; empty while paused or reached.",
    )
    deadline = fields.Datetime()
    warning_date = fields.Datetime(string="At Risk From")
    reached_date = fields.Datetime(string="Reached on")
    reached_datetime = fields.Datetime(
        related="reached_date",
        string="Reached Date",
        help="Same as the reached date (Odoo Enterprise's field name).",
    )
    sla_stage_id = fields.Many2one(
        related="sla_id.stage_id", string="Target Stage", readonly=True
    )
    status = fields.Selection(
        [
            ("ongoing", "In Time"),
            ("warning", "At Risk"),
            ("paused", "Paused"),
            ("reached", "Reached"),
            ("failed", "Failed"),
        ],
        required=True,
        default="ongoing",
    )
    consumed_hours = fields.Float(
        aggregator="avg",
        help="Working hours consumed before the current running period, or in "
        "total once reached.",
    )
    exceeded_hours = fields.Float(
        compute="_compute_exceeded_hours",
        help="Working hours beyond the target: once reached, the consumed time "
        "minus the target (negative when reached early); while the clock runs, "
        "the time past the deadline (0 while in time).",
    )
    escalated = fields.Boolean(readonly=True, copy=False)
    is_success = fields.Boolean(
        string="Success", compute="_compute_is_success", store=True, precompute=True
    )
    success_rate = fields.Float(
        string="Success Rate (%)",
        compute="_compute_is_success",
        store=True,
        precompute=True,
        aggregator="avg",
        help="100 when the target was reached in time, else 0: its average is the "
        "share of targets met.",
    )

    _ticket_sla_target_unique = models.UniqueIndex("(ticket_id, sla_id, target)")
    _deadline_open_idx = models.Index(
        "(deadline) WHERE status IN ('ongoing', 'warning')"
    )
    _warning_open_idx = models.Index("(warning_date) WHERE status = 'ongoing'")

    @api.depends("status")
    def _compute_is_success(self):
        for line in self:
            line.is_success = line.status == "reached"
            line.success_rate = 100.0 if line.is_success else 0.0

    @api.depends("consumed_hours", "target_hours", "reached_date", "date_running")
    def _compute_exceeded_hours(self):
        running = self.filtered(
            lambda line: line.date_running and not line.reached_date
        )
        consumed = dict(
            zip(running, running._consumed_until(self.env.cr.now()), strict=True)
        )
        for line in self:
            if line.reached_date:
                line.exceeded_hours = line.consumed_hours - line.target_hours
            else:
                hours = consumed.get(line, line.consumed_hours)
                line.exceeded_hours = max(hours - line.target_hours, 0.0)

    # ------------------------------------------------------------------ engine
    def _get_policy_hours(self):
        """The policy's current hours for the target of the line."""
        self.ensure_one()
        return self.sla_id[TARGET_HOURS_FIELDS[self.target]]

    def _get_calendar(self):
        self.ensure_one()
        return self.ticket_id._get_sla_calendar(self.sla_id)

    def _get_warning_hours(self):
        self.ensure_one()
        return self.target_hours * self.sla_id.warning_percent / 100

    def _prepare_run_vals(self, now, starts=None):
        """Values starting (or resuming) the clock at ``now`` (or at each of
        ``starts``) for every line of ``self``, with deadlines planned in one
        batch."""
        starts = starts or [now] * len(self)
        requests = []
        for line, start in zip(self, starts, strict=True):
            calendar = line._get_calendar()
            requests += [
                (calendar, start, line.target_hours - line.consumed_hours),
                (calendar, start, line._get_warning_hours() - line.consumed_hours),
            ]
        planned = self.env["resource.calendar"]._helpdesk_work_plan(requests)
        return [
            {
                "date_running": start,
                "deadline": planned[2 * index],
                "warning_date": planned[2 * index + 1],
            }
            for index, start in enumerate(starts)
        ]

    def _take_policy_hours(self):
        """Lines starting to run again take the current target of their policy
        (when it still sets one)."""
        for line in self:
            hours = line._get_policy_hours()
            if hours > 0 and hours != line.target_hours:
                line.target_hours = hours

    def _refresh_terms(self, now):
        """Bring the open lines of ``self`` whose policy target changed up to
        date: removed when the policy sets no target any more, else planned
        again from their start with the working time already consumed (paused
        lines only take the new hours). Reached and failed lines keep their
        terms. Returns the lines of ``self`` still there."""
        stale = self.filtered(
            lambda line: line.status in OPEN_STATUSES
            and line.target_hours != line._get_policy_hours()
        )
        if not stale:
            return self
        dropped = stale.filtered(lambda line: line._get_policy_hours() <= 0)
        replanned = stale - dropped
        if dropped:
            dropped.unlink()
        if replanned:
            replanned._take_policy_hours()
            running = replanned.filtered(lambda line: line.status != "paused")
            vals_list = running._prepare_run_vals(
                now, [line.date_running or line.date_start for line in running]
            )
            for vals in vals_list:
                vals["status"] = "ongoing"
            running._write_each(vals_list)
            running._check_timers(now)
        return self - dropped

    def _consumed_until(self, now):
        """Consumed hours of each line of ``self`` at ``now``, in one batch."""
        hours = self.env["resource.calendar"]._helpdesk_work_hours(
            [(line._get_calendar(), line.date_running, now) for line in self]
        )
        return [
            line.consumed_hours + extra for line, extra in zip(self, hours, strict=True)
        ]

    def _write_each(self, vals_list):
        """Write per-line values, grouping the lines that get the same values."""
        groups = defaultdict(lambda: self.browse())
        for line, vals in zip(self, vals_list, strict=True):
            groups[tuple(sorted(vals.items()))] |= line
        for items, lines in groups.items():
            lines.write(dict(items))

    def _reach(self, now):
        """Targets reached at ``now``: late ones stay failed."""
        consumed = self._consumed_until(now)
        self._write_each(
            [
                {
                    "reached_date": now,
                    "date_running": False,
                    "consumed_hours": hours,
                    "status": "failed"
                    if line.status == "failed"
                    or (line.deadline and line.deadline < now)
                    else "reached",
                }
                for line, hours in zip(self, consumed, strict=True)
            ]
        )

    def _pause(self, now):
        """Stop the clock of the lines at ``now``: running lines keep the
        working time they consumed; reached lines (reopened into a pause stage)
        and lines not started yet are paused as they are."""
        running = self.filtered("date_running")
        consumed = dict(zip(running, running._consumed_until(now), strict=True))
        self._write_each(
            [
                {
                    "reached_date": False,
                    "date_running": False,
                    "consumed_hours": consumed.get(line, line.consumed_hours),
                    "deadline": False,
                    "warning_date": False,
                    "status": "paused",
                }
                for line in self
            ]
        )

    def _restart(self, now):
        """Start the lines again from zero at ``now`` (a new next-response
        window), on the current target of their policy; the clock is then
        run, or paused, by the caller."""
        self.write(
            {
                "date_start": now,
                "consumed_hours": 0.0,
                "escalated": False,
                "status": "ongoing",
            }
        )
        self._take_policy_hours()

    def _run(self, now, reopen=False):
        """Resume paused lines (or reopen reached ones) at ``now``."""
        self._take_policy_hours()
        vals_list = self._prepare_run_vals(now)
        for line, vals in zip(self, vals_list, strict=True):
            vals["status"] = (
                "failed" if line.status == "failed" and line.escalated else "ongoing"
            )
            if reopen:
                vals["reached_date"] = False
        self._write_each(vals_list)
        self._check_timers(now)

    def _check_timers(self, now):
        """Flag the lines of ``self`` whose warning date or deadline passed and
        escalate them once. Batched: two writes and the escalations."""
        failed = self.filtered(
            lambda line: line.status in RUNNING_STATUSES
            and line.deadline
            and line.deadline <= now
        )
        warned = (
            self.filtered(
                lambda line: line.status == "ongoing"
                and line.warning_date
                and line.warning_date <= now
            )
            - failed
        )
        if failed:
            failed.write({"status": "failed"})
        if warned:
            warned.write({"status": "warning"})
        to_escalate = (failed | warned).filtered(
            lambda line: not line.escalated
            and (line.sla_id.escalation_notify or line.sla_id.escalation_team_id)
            and (line.status == "failed" or line.sla_id.escalate_on == "warning")
        )
        if to_escalate:
            to_escalate.write({"escalated": True})
            to_escalate._escalate()

    def _escalate(self):
        """Notify the team leaders (activity + chatter) and move the tickets to
        the policies' second-line teams."""
        target_labels = dict(self._fields["target"]._description_selection(self.env))
        moves = defaultdict(lambda: self.env["helpdesk.ticket"].sudo())
        for line in self:
            ticket = line.ticket_id.sudo()
            sla = line.sla_id
            leader = ticket.team_id.user_id
            if sla.escalation_notify and leader:
                summary = self.env._(
                    "SLA %(policy)s: %(target)s %(state)s",
                    policy=sla.name,
                    target=target_labels[line.target],
                    state=self.env._("failed")
                    if line.status == "failed"
                    else self.env._("at risk"),
                )
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(self),
                    summary=summary,
                    user_id=leader.id,
                )
                ticket.message_post(
                    body=Markup("<p>%s</p>") % summary,
                    subtype_xmlid="mail.mt_note",
                    partner_ids=leader.partner_id.ids,
                )
            if sla.escalation_team_id and ticket.team_id != sla.escalation_team_id:
                moves[sla.escalation_team_id] |= ticket
        for team, tickets in moves.items():
            tickets.write({"team_id": team.id})

    @api.model
    def _cron_check_sla(self):
        """Flag warnings and failures whose date passed, and escalate them once.

        Only lines still running and due are touched, selected through the
        partial indexes on ``deadline`` and ``warning_date``; the flags are set
        by two ``UPDATE ... RETURNING`` and the tickets' SLA booleans by a third
        one, so the number of queries does not depend on the number of lines
        (Odoo's ORM writes by batches of 100 rows). Lines whose policy target
        changed wait for the sync job to plan them again. Returns the number of
        lines flagged.
        """
        now = self.env.cr.now()
        self.env.flush_all()
        failed = self._sql_flag_lines(
            "failed",
            SQL(
                "status IN ('ongoing', 'warning') AND deadline <= %(now)s "
                "AND %(terms)s",
                now=now,
                terms=UP_TO_DATE_TERMS,
            ),
            now,
        )
        warned = self._sql_flag_lines(
            "warning",
            SQL(
                "status = 'ongoing' AND warning_date <= %(now)s AND %(terms)s",
                now=now,
                terms=UP_TO_DATE_TERMS,
            ),
            now,
        )
        rows = failed + warned
        if not rows:
            return 0
        ticket_ids = list({ticket_id for _id, ticket_id, _sla_id, _esc in rows})
        self.env.cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket ticket
                   SET sla_fail = EXISTS(
                           SELECT 1 FROM helpdesk_sla_status line
                            WHERE line.ticket_id = ticket.id
                              AND line.status = 'failed'),
                       sla_warning = EXISTS(
                           SELECT 1 FROM helpdesk_sla_status line
                            WHERE line.ticket_id = ticket.id
                              AND line.status = 'warning')
                 WHERE ticket.id = ANY(%(ids)s)
                """,
                ids=ticket_ids,
            )
        )
        self.env["helpdesk.ticket"].invalidate_model(["sla_fail", "sla_warning"])
        self.invalidate_model(["status", "is_success", "success_rate"])
        policies = (
            self.env["helpdesk.sla"]
            .sudo()
            .browse({sla_id for _id, _ticket_id, sla_id, _escalated in rows})
        )
        escalating = policies.filtered(
            lambda p: p.escalation_notify or p.escalation_team_id
        )
        failed_ids = {line_id for line_id, *_rest in failed}
        to_escalate = self.sudo().browse(
            line_id
            for line_id, _ticket_id, sla_id, escalated in rows
            if not escalated
            and sla_id in escalating.ids
            and (
                line_id in failed_ids
                or escalating.browse(sla_id).escalate_on == "warning"
            )
        )
        if to_escalate:
            to_escalate.write({"escalated": True})
            to_escalate._escalate()
        return len(rows)

    def _sql_flag_lines(self, status, condition, now):
        """Set ``status`` on the lines meeting ``condition``; returns their
        ``(id, ticket_id, sla_id, escalated)``."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE helpdesk_sla_status
                   SET status = %(status)s, write_date = %(now)s,
                       write_uid = %(uid)s
                 WHERE %(condition)s
             RETURNING id, ticket_id, sla_id, escalated
                """,
                status=status,
                now=now,
                uid=self.env.uid,
                condition=condition,
            )
        )
        return self.env.cr.fetchall()
