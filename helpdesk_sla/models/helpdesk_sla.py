# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL

from odoo.addons.helpdesk_base.models.helpdesk_ticket import TICKET_PRIORITIES

# status line states in which the clock is still running
OPEN_STATUSES = ("ongoing", "warning", "paused")
SLA_TARGETS = [
    ("first_response", "First Response"),
    ("next_response", "Next Response"),
    ("resolution", "Resolution"),
]
# a change of these makes the open tickets of the policy's team(s) re-evaluated
SLA_SCOPE_FIELDS = {
    "active",
    "team_id",
    "priority_ids",
    "severity_ids",
    "ticket_type_ids",
    "tag_ids",
    "partner_ids",
    "domain",
    "first_response_hours",
    "next_response_hours",
    "resolution_hours",
}
SYNC_BATCH = 1000
TARGET_CHANGE_HELP = (
    " A change applies to the targets still running on open tickets: they are "
    "planned again from their start, keeping the working time already consumed; "
    "set to 0, they are removed. Targets already reached or failed keep their "
    "terms."
)
# the many2many criteria of a policy (and its pause stages), with the column of
# the linked records that tickets are compared with
SLA_CRITERIA_FIELDS = {
    "priority_ids": "code",
    "severity_ids": "code",
    "ticket_type_ids": "id",
    "tag_ids": "id",
    "partner_ids": "commercial_partner_id",
    "pause_stage_ids": "id",
}
# the fields the engine reads on every matching policy
SLA_ENGINE_FIELDS = [
    "team_id",
    "domain",
    "calendar_id",
    "first_response_hours",
    "next_response_hours",
    "resolution_hours",
    "stage_id",
    "warning_percent",
]
TARGET_HOURS_FIELDS = {
    "first_response": "first_response_hours",
    "next_response": "next_response_hours",
    "resolution": "resolution_hours",
}


class HelpdeskSla(models.Model):
    _name = "helpdesk.sla"
    _description = "Helpdesk SLA Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    team_id = fields.Many2one(
        "helpdesk.team", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="team_id.company_id", store=True, index=True, precompute=True
    )
    priority_ids = fields.Many2many(
        "helpdesk.sla.priority",
        string="Priorities",
        help="The policy applies to tickets of one of these priorities. Empty: any.",
    )
    priority = fields.Selection(
        TICKET_PRIORITIES,
        compute="_compute_priority",
        inverse="_inverse_priority",
        store=True,
        readonly=False,
        index=True,
        help="The single priority of the policy (Odoo Enterprise's field): set "
        "when exactly one priority is selected, else empty. Setting it selects "
        "that priority only; emptying it selects any priority.",
    )
    severity_ids = fields.Many2many(
        "helpdesk.sla.severity",
        string="Severities",
        help="The policy applies to tickets of one of these severities. Empty: any.",
    )
    ticket_type_ids = fields.Many2many(
        "helpdesk.ticket.type",
        string="Ticket Types",
        help="The policy applies to tickets of one of these types. Empty: any.",
    )
    tag_ids = fields.Many2many(
        "helpdesk.tag",
        string="Tags",
        help="The policy applies to tickets with at least one of these tags. "
        "Empty: any.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        help="The policy applies to tickets of these customers (or of their "
        "contacts). Empty: any customer.",
    )
    domain = fields.Char(
        string="Extra Conditions",
        help="Optional domain on tickets, e.g. [('partner_id.country_id.code', '=', "
        "'UA')]. Only literal values are allowed.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        help="Working hours used to count the targets. Empty: the team's. A "
        "customer's SLA working hours take precedence.",
    )
    first_response_hours = fields.Float(
        string="First Response",
        help="Working hours to send the customer a first public reply. 0: no "
        "target." + TARGET_CHANGE_HELP,
    )
    next_response_hours = fields.Float(
        string="Next Response",
        help="Working hours to answer each later message of the customer. "
        "0: no target." + TARGET_CHANGE_HELP,
    )
    resolution_hours = fields.Float(
        string="Resolution",
        help="Working hours to reach a closing stage (or the target stage). "
        "0: no target." + TARGET_CHANGE_HELP,
    )
    time = fields.Float(
        related="resolution_hours",
        readonly=False,
        string="Within (hours)",
        help="Same as the resolution target (Odoo Enterprise's field name).",
    )
    stage_id = fields.Many2one(
        "helpdesk.stage",
        string="Target Stage",
        help="Resolution is reached in this stage too. Closing stages always reach it.",
    )
    pause_stage_ids = fields.Many2many(
        "helpdesk.stage",
        "helpdesk_sla_pause_stage_rel",
        "sla_id",
        "stage_id",
        string="Pause Stages",
        help="In these stages (e.g. waiting for the customer) the clock stops; the "
        "time already consumed is kept.",
    )
    exclude_stage_ids = fields.Many2many(
        related="pause_stage_ids",
        readonly=False,
        string="Excluding Stages",
        help="Same as the pause stages (Odoo Enterprise's field name).",
    )
    warning_percent = fields.Float(
        string="Warning at (%)",
        default=80.0,
        help="Share of the target after which the ticket is at risk.",
    )
    show_to_customer = fields.Boolean(
        string="Promise to Customers",
        default=True,
        help="The portal tells the customer when to expect an answer: the "
        "nearest first- or next-response deadline of the policies with this "
        "option, while it is ahead.",
    )
    escalate_on = fields.Selection(
        [("warning", "At risk"), ("failure", "Failed")],
        string="Escalate When",
        default="failure",
        required=True,
    )
    escalation_notify = fields.Boolean(
        string="Notify Team Leader",
        help="Schedule an activity for the team leader and notify them in the chatter.",
    )
    is_sync_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="Open tickets of the team are re-evaluated against this policy by a "
        "background job.",
    )
    sync_last_ticket_id = fields.Integer(
        string="Sync Progress",
        readonly=True,
        copy=False,
        help="Progress of the background job: the open tickets of the team up to "
        "this id are already re-evaluated.",
    )
    escalation_team_id = fields.Many2one(
        "helpdesk.team",
        string="Escalate to Team",
        help="Move the ticket to this (second-line) team.",
    )

    _hours_positive = models.Constraint(
        "CHECK (first_response_hours >= 0 AND next_response_hours >= 0 "
        "AND resolution_hours >= 0)",
        "SLA targets cannot be negative.",
    )
    _warning_percent_range = models.Constraint(
        "CHECK (warning_percent >= 0 AND warning_percent <= 100)",
        "The warning threshold is a percentage between 0 and 100.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("priority_ids")
    def _compute_priority(self):
        for sla in self:
            codes = sla.priority_ids.mapped("code")
            sla.priority = codes[0] if len(codes) == 1 else False

    def _inverse_priority(self):
        Priority = self.env["helpdesk.sla.priority"].sudo()
        by_code = {priority.code: priority for priority in Priority.search([])}
        for sla in self:
            if sla.priority and sla.priority not in by_code:
                raise ValidationError(
                    self.env._(
                        "No SLA priority record has the code %(code)s.",
                        code=sla.priority,
                    )
                )
            wanted = by_code.get(sla.priority, Priority)
            if sla.priority_ids != wanted:
                sla.priority_ids = [Command.set(wanted.ids)]

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        policies._schedule_sync()
        return policies

    def write(self, vals):
        res = super().write(vals)
        zeroed = [
            target
            for target, field in TARGET_HOURS_FIELDS.items()
            if field in vals and not vals[field]
        ]
        if zeroed:
            # "no target" any more: the running lines of that target go at once,
            # before the deadline check could flag them on their former terms
            self.env["helpdesk.sla.status"].sudo().search(
                [
                    ("sla_id", "in", self.ids),
                    ("target", "in", zeroed),
                    ("status", "in", list(OPEN_STATUSES)),
                ]
            ).unlink()
        if "team_id" in vals:
            # tickets of the former team keep no running line of this policy
            self.env["helpdesk.sla.status"].sudo().search(
                [
                    ("sla_id", "in", self.ids),
                    ("status", "in", list(OPEN_STATUSES)),
                    ("escalated", "=", False),
                    ("ticket_id.team_id", "!=", vals["team_id"]),
                ]
            ).unlink()
        if SLA_SCOPE_FIELDS & set(vals):
            self._schedule_sync()
        return res

    # ------------------------------------------------------------------ constrains
    @api.constrains("domain")
    def _check_domain(self):
        """The extra conditions are checked against the ticket model's fields,
        as Odoo checks record rules: no search on the tickets."""
        Ticket = self.env["helpdesk.ticket"].sudo()
        for sla in self.filtered("domain"):
            try:
                sla._get_extra_domain().validate(Ticket)
            except (ValueError, SyntaxError, TypeError, KeyError) as error:
                raise ValidationError(
                    self.env._(
                        "The extra conditions of the SLA policy %(name)s are not "
                        "a valid ticket domain: %(error)s",
                        name=sla.name,
                        error=error,
                    )
                ) from error

    @api.constrains("escalation_team_id", "team_id")
    def _check_escalation_team_id(self):
        for sla in self:
            if sla.escalation_team_id and sla.escalation_team_id == sla.team_id:
                raise ValidationError(
                    self.env._(
                        "The SLA policy %(name)s cannot escalate to its own team.",
                        name=sla.name,
                    )
                )

    # ------------------------------------------------------------------ actions
    def action_preview(self):
        """Met/failed counts over the last 30 days, with the saved values of the
        policy, in a dialog where other targets can be tried. The policy form
        opens the same dialog with the values being edited, without saving
        them (``helpdesk_sla_preview_button`` widget)."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_sla.helpdesk_sla_preview_action"
        )
        action["context"] = {"default_sla_id": self.id}
        return action

    # ------------------------------------------------------------------ business
    def _schedule_sync(self):
        """Open tickets already there follow a new or changed policy: flag it and
        wake the sync job, which works in batches outside the user's request."""
        self.sudo().with_context(active_test=False).write(
            {"is_sync_pending": True, "sync_last_ticket_id": 0}
        )
        self.env.ref("helpdesk_sla.ir_cron_helpdesk_sla_sync")._trigger()

    @api.model
    def _cron_sync_pending(self, batch_size=SYNC_BATCH):
        """Re-evaluate the open tickets of the teams of flagged policies.

        Team by team, in ticket id order, by batches of ``batch_size``: each
        batch is committed with its progress (the last ticket id done, kept on
        the flagged policies of the team), so that a run stopped by the cron
        time limit or by an error goes on after the last committed batch
        instead of starting over. A batch done twice changes nothing.
        """
        pending = self.with_context(active_test=False).search(
            [("is_sync_pending", "=", True)]
        )
        if not pending:
            return
        IrCron = self.env["ir.cron"]
        Ticket = self.env["helpdesk.ticket"].sudo()
        Status = self.env["helpdesk.sla.status"]
        teams = {
            team: (policies, min(policies.mapped("sync_last_ticket_id")))
            for team, policies in pending.grouped("team_id").items()
        }
        remaining = sum(
            Ticket.search_count(self._get_sync_domain(team, cursor))
            for team, (_policies, cursor) in teams.items()
        )
        IrCron._commit_progress(remaining=remaining)
        for team, (policies, cursor) in teams.items():
            done = False
            while not done:
                batch = Ticket.search(
                    self._get_sync_domain(team, cursor), order="id", limit=batch_size
                )
                if batch:
                    batch._sla_sync(self.env.cr.now())
                    cursor = batch[-1].id
                done = len(batch) < batch_size
                if done:
                    # lines kept on tickets moved to another team (escalated)
                    Status.sudo().search(
                        [
                            ("sla_id", "in", policies.ids),
                            ("status", "in", list(OPEN_STATUSES)),
                            ("team_id", "!=", team.id),
                        ]
                    )._refresh_terms(self.env.cr.now())
                policies.write(
                    {"is_sync_pending": False, "sync_last_ticket_id": 0}
                    if done
                    else {"sync_last_ticket_id": cursor}
                )
                if not IrCron._commit_progress(len(batch)):
                    # time is up: the cron runs again and goes on from the cursors
                    return

    @api.model
    def _get_sync_domain(self, team, cursor):
        return (
            Domain("team_id", "=", team.id)
            & Domain("is_closed", "=", False)
            & Domain("id", ">", cursor)
        )

    def _get_extra_domain(self):
        self.ensure_one()
        if not self.domain:
            return Domain.TRUE
        value = ast.literal_eval(self.domain.strip())
        if not isinstance(value, list | tuple):
            raise ValueError(self.env._("a domain is a list of conditions"))
        return Domain(value)

    def _get_targets(self):
        """``{target: hours}`` of the targets the policy sets (hours > 0)."""
        self.ensure_one()
        return {
            target: self[field]
            for target, field in TARGET_HOURS_FIELDS.items()
            if self[field] > 0
        }

    def _read_criteria(self):
        """``{policy: {field: frozenset}}``: for each policy of ``self`` and
        each field of ``SLA_CRITERIA_FIELDS``, the values tickets are compared
        with (priority and severity codes, ids of ticket types, tags, customers'
        commercial entities and pause stages). One query for the whole batch;
        unsaved policies (the preview's) are read from memory."""
        criteria = {}
        saved = self.filtered("id")
        for policy in self - saved:
            criteria[policy] = {}
            for fname, column in SLA_CRITERIA_FIELDS.items():
                values = policy[fname]._origin.mapped(column)
                if isinstance(values, models.BaseModel):
                    values = values.ids
                criteria[policy][fname] = frozenset(values)
        if not saved:
            return criteria
        self.flush_recordset(list(SLA_CRITERIA_FIELDS))
        active_test = self.env.context.get("active_test", True)
        columns = []
        for fname, column in SLA_CRITERIA_FIELDS.items():
            field = self._fields[fname]
            comodel = self.env[field.comodel_name]
            # archived records are left out, as the ORM reads the field
            active = comodel._active_name if active_test else None
            comodel.flush_model([name for name in (column, active) if name])
            columns.append(
                SQL(
                    "ARRAY(SELECT linked.%(column)s FROM %(relation)s rel "
                    "JOIN %(table)s linked ON linked.id = rel.%(linked_id)s "
                    "WHERE rel.%(policy_id)s = policy.id %(active)s)",
                    column=SQL.identifier(column),
                    relation=SQL.identifier(field.relation),
                    table=SQL.identifier(comodel._table),
                    linked_id=SQL.identifier(field.column2),
                    policy_id=SQL.identifier(field.column1),
                    active=SQL("AND linked.%s IS TRUE", SQL.identifier(active))
                    if active
                    else SQL(),
                )
            )
        rows = self.env.execute_query(
            SQL(
                "SELECT policy.id, %(columns)s FROM unnest(%(ids)s::int[]) policy(id)",
                columns=SQL(", ").join(columns),
                ids=saved.ids,
            )
        )
        for policy_id, *values in rows:
            criteria[self.browse(policy_id)] = {
                fname: frozenset(value)
                for fname, value in zip(SLA_CRITERIA_FIELDS, values, strict=True)
            }
        return criteria

    def _matches_ticket(self, ticket, criteria=None):
        """Whether the ticket meets the policy's criteria other than the domain;
        ``criteria``: the policy's entry of ``_read_criteria``, read if not
        given."""
        self.ensure_one()
        if criteria is None:
            criteria = self._read_criteria()[self]
        priorities = criteria["priority_ids"]
        severities = criteria["severity_ids"]
        ticket_types = criteria["ticket_type_ids"]
        tags = criteria["tag_ids"]
        customers = criteria["partner_ids"]
        return (
            ticket.team_id == self.team_id
            and (not priorities or ticket.priority in priorities)
            and (not severities or ticket.severity in severities)
            and (not ticket_types or ticket.ticket_type_id.id in ticket_types)
            and (not tags or not tags.isdisjoint(ticket.tag_ids.ids))
            and (not customers or ticket.commercial_partner_id.id in customers)
        )

    @api.model
    def _match_tickets(self, tickets):
        """The policies of a batch of tickets: ``(policies_by_ticket, criteria)``
        with ``{ticket: policies}`` and the policies' ``_read_criteria``. One
        search of the policies of the tickets' teams, one read of their
        criteria, one ``filtered_domain`` per policy with extra conditions, the
        rest in memory."""
        result = defaultdict(lambda: self.sudo().browse())
        tickets = tickets.filtered(lambda t: t.team_id.use_sla and t.active)
        if not tickets:
            return result, {}
        policies = self.sudo().search_fetch(
            [("team_id", "in", tickets.team_id.ids)], SLA_ENGINE_FIELDS
        )
        if not policies:
            return result, {}
        criteria = policies._read_criteria()
        by_team = defaultdict(list)
        for policy in policies:
            by_team[policy.team_id].append(policy)
        domain_matches = {
            policy: set(
                tickets.filtered(lambda t, p=policy: t.team_id == p.team_id)
                .filtered_domain(policy._get_extra_domain())
                .ids
            )
            for policy in policies.filtered("domain")
        }
        for ticket in tickets:
            matching = [
                policy.id
                for policy in by_team[ticket.team_id]
                if policy._matches_ticket(ticket, criteria[policy])
                and (
                    policy not in domain_matches or ticket.id in domain_matches[policy]
                )
            ]
            if matching:
                result[ticket] = policies.browse(matching)
        return result, criteria

    @api.model
    def _get_policies_by_ticket(self, tickets):
        """``{ticket: policies}`` for a batch of tickets (see ``_match_tickets``)."""
        return self._match_tickets(tickets)[0]
