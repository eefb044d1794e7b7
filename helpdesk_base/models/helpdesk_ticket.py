# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.modules.db import FunctionStatus
from odoo.tools import SQL
from odoo.tools.mail import email_split_and_format, generate_tracking_message_id

from .mail_thread import (
    AUTO_MAIL_HEADERS,
    incoming_mail_addresses,
    incoming_mail_kind,
    redecoded_message_values,
    subject_ticket_refs,
)

_logger = logging.getLogger(__name__)

TICKET_PRIORITIES = [
    ("0", "Low Priority"),
    ("1", "Medium Priority"),
    ("2", "High Priority"),
    ("3", "Urgent"),
]

# the arguments Odoo's tracking posts its messages with (see _message_track)
TRACK_POST_KEYS = {"body", "author_id", "subtype_id", "tracking_value_ids"}
TRACK_BATCH_KEY = "helpdesk.tracking_batch"

AGENT_GROUP = "helpdesk_base.helpdesk_base_group_user"

# Odoo Enterprise's names of fields that have another name here (see README)
ENTERPRISE_FIELD_ALIASES = {
    "assign_date": "date_assigned",
    "close_date": "date_closed",
}


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _description = "Helpdesk Ticket"
    _inherit = [
        "mail.thread.cc",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
        "rating.mixin",
        "utm.mixin",
    ]
    _order = "priority desc, id desc"
    _primary_email = "partner_email"
    _track_duration_field = "stage_id"
    _mail_post_access = "read"
    _rec_names_search = ["name", "ticket_ref", "partner_email"]

    def _default_team_id(self):
        team_domain = Domain("company_id", "in", [self.env.company.id, False])
        member_team = self.env["helpdesk.team"].search(
            team_domain & Domain("member_ids", "in", self.env.uid), limit=1
        )
        return member_team or self.env["helpdesk.team"].search(team_domain, limit=1)

    ticket_ref = fields.Char(
        string="Reference", readonly=True, copy=False, index=True, default="/"
    )
    name = fields.Char(string="Subject", required=True, index="trigram", tracking=True)
    description = fields.Html(sanitize_style=True)
    active = fields.Boolean(default=True)
    team_id = fields.Many2one(
        "helpdesk.team",
        default=lambda self: self._default_team_id(),
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        index=True,
        required=True,
        precompute=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True)
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    partner_name = fields.Char(
        string="Customer Name",
        compute="_compute_partner_info",
        store=True,
        readonly=False,
    )
    partner_email = fields.Char(
        string="Customer Email",
        compute="_compute_partner_info",
        store=True,
        readonly=False,
    )
    partner_phone = fields.Char(
        string="Customer Phone",
        compute="_compute_partner_info",
        store=True,
        readonly=False,
    )
    stage_id = fields.Many2one(
        "helpdesk.stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_expand_stage_id",
        domain="[('team_ids', 'in', team_id)]",
        precompute=True,
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True)
    fold = fields.Boolean(related="stage_id.fold")
    priority = fields.Selection(TICKET_PRIORITIES, default="0", tracking=True)
    tag_ids = fields.Many2many("helpdesk.tag", string="Tags")
    ticket_type_id = fields.Many2one(
        "helpdesk.ticket.type", string="Type", index="btree_not_null"
    )
    kanban_state = fields.Selection(
        [("normal", "In Progress"), ("done", "Ready"), ("blocked", "Blocked")],
        default="normal",
        copy=False,
        required=True,
    )
    legend_normal = fields.Char(related="stage_id.legend_normal")
    legend_blocked = fields.Char(related="stage_id.legend_blocked")
    legend_done = fields.Char(related="stage_id.legend_done")
    color = fields.Integer()
    date_deadline = fields.Datetime(
        string="Manual Deadline",
        tracking=True,
        copy=False,
        help="A deadline an agent sets by hand, for the team; the SLA deadlines "
        "are computed apart.",
    )
    date_assigned = fields.Datetime(readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False, index="btree_not_null")
    date_last_stage_update = fields.Datetime(
        default=fields.Datetime.now, readonly=True, copy=False, index=True
    )
    # Odoo Enterprise's names of the two dates, for integrators' scripts
    assign_date = fields.Datetime(
        string="First Assignment Date", related="date_assigned", readonly=False
    )
    close_date = fields.Datetime(
        string="Close Date", related="date_closed", readonly=False
    )
    assign_hours = fields.Float(
        string="Working Hours to Assign",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours of the team between the creation and the first assignment.",
    )
    close_hours = fields.Float(
        string="Working Hours to Close",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours of the team between the creation and the closing.",
    )
    merged_into_id = fields.Many2one(
        "helpdesk.ticket",
        string="Merged Into",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The closed ticket this one follows up: the customer wrote about it "
        "after it could be reopened, or opened this ticket from it on the portal.",
    )
    date_first_response = fields.Datetime(
        string="First Response on",
        readonly=True,
        copy=False,
        help="The team's first public answer to the customer.",
    )
    first_response_hours = fields.Float(
        string="Working Hours to First Response",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Working hours of the team between the creation and the first "
        "public answer.",
    )
    needs_reply = fields.Boolean(
        readonly=True,
        copy=False,
        help="The customer wrote last: their message waits for the team's answer. "
        "Internal notes do not count.",
    )
    date_last_customer_message = fields.Datetime(
        string="Last Customer Message", readonly=True, copy=False
    )
    auto_close_reminder_date = fields.Datetime(
        string="Closing Reminder Sent",
        readonly=True,
        copy=False,
        help="When the customer was reminded that the idle ticket will close; "
        "cleared when they write or the ticket changes stage.",
    )
    duplicate_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_ticket_duplicate_rel",
        "ticket_id",
        "duplicate_id",
        string="Possible Duplicates",
        domain=[("active", "=", True), ("is_closed", "=", False)],
        readonly=True,
        copy=False,
        groups=AGENT_GROUP,
        help="Open tickets of the same customer with a similar subject or description, "
        "found when the newer of the two arrived: merge them, link them as related, "
        "or dismiss them.",
    )
    related_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "helpdesk_ticket_related_rel",
        "ticket_id",
        "related_id",
        string="Related Tickets",
        domain=[("active", "=", True)],
        copy=False,
        groups=AGENT_GROUP,
        help="Tickets about the same matter, kept apart; the link shows on both.",
    )
    outage_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Possible Outage",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups=AGENT_GROUP,
        help="The first ticket of a group of tickets with near-identical subjects "
        "that several customers opened within minutes in the team: probably one "
        "incident.",
    )
    outage_ticket_count = fields.Integer(
        string="Outage Tickets", compute="_compute_outage_counts", groups=AGENT_GROUP
    )
    outage_customer_count = fields.Integer(
        string="Outage Customers", compute="_compute_outage_counts", groups=AGENT_GROUP
    )

    # the default order of every list and kanban column: the first page is read
    # from the index instead of sorting all the tickets of the filter (300k
    # tickets: 42 ms -> 0.1 ms)
    _priority_order_idx = models.Index("(priority DESC, id DESC)")
    _open_team_idx = models.Index(
        "(team_id, user_id, priority) WHERE is_closed IS NOT TRUE"
    )
    _needs_reply_idx = models.Index("(team_id) WHERE needs_reply")
    # a customer's tickets, their ids read from the index alone: the portal rule
    # sets them apart from the tickets shared with the customer without reading
    # the tickets themselves (300k tickets, 30k of one customer: 36 -> 12 ms per
    # query); as large as an index on the customer alone
    _partner_id_idx = models.Index("(partner_id, id)")
    # possible duplicates and outages: the open tickets of a customer, of a
    # team, created lately (open tickets only: small indexes)
    _open_customer_created_idx = models.Index(
        "(commercial_partner_id, create_date) WHERE active AND is_closed IS NOT TRUE"
    )
    _open_team_created_idx = models.Index(
        "(team_id, create_date) WHERE active AND is_closed IS NOT TRUE"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("name", "ticket_ref")
    def _compute_display_name(self):
        for ticket in self:
            if ticket.ticket_ref and ticket.ticket_ref != "/":
                ticket.display_name = f"{ticket.name} (#{ticket.ticket_ref})"
            else:
                ticket.display_name = ticket.name

    @api.depends("team_id")
    def _compute_company_id(self):
        for ticket in self:
            ticket.company_id = (
                ticket.team_id.company_id or ticket.company_id or self.env.company
            )

    @api.depends("team_id")
    def _compute_user_id(self):
        for ticket in self.filtered(
            lambda t: t.user_id
            and t.team_id.member_ids
            and t.user_id not in t.team_id.member_ids
        ):
            ticket.user_id = False

    @api.depends("partner_id")
    def _compute_partner_info(self):
        for ticket in self.filtered("partner_id"):
            partner = ticket.partner_id
            ticket.partner_name = partner.name
            ticket.partner_email = partner.email or ticket.partner_email
            ticket.partner_phone = partner.phone or ticket.partner_phone

    @api.depends("team_id")
    def _compute_stage_id(self):
        first_stage = None  # for tickets of teams without stages, searched once
        for ticket in self:
            stages = ticket.team_id.stage_ids
            if stages:
                if ticket.stage_id not in stages:
                    ticket.stage_id = stages.sorted()[:1]
            elif not ticket.stage_id:
                if first_stage is None:
                    first_stage = self.env["helpdesk.stage"].search([], limit=1)
                ticket.stage_id = first_stage

    @api.depends("outage_ticket_id")
    @api.depends_context("uid")
    def _compute_outage_counts(self):
        """Open tickets and customers of each ticket's outage, counted among the
        tickets the agent may read, in one grouped query."""
        counts = {}
        leads = self.outage_ticket_id
        if leads:
            counts = {
                lead: (count, customers)
                for lead, count, customers in self._read_group(
                    Domain("outage_ticket_id", "in", leads.ids)
                    & Domain("is_closed", "=", False),
                    ["outage_ticket_id"],
                    ["__count", "commercial_partner_id:count_distinct"],
                )
            }
        for ticket in self:
            ticket.outage_ticket_count, ticket.outage_customer_count = counts.get(
                ticket.outage_ticket_id, (0, 0)
            )

    @api.model
    def _read_group_expand_stage_id(self, stages, domain):
        """Show every stage of the team being looked at, even empty ones."""
        team_id = self.env.context.get("default_team_id")
        search_domain = Domain("id", "in", stages.ids)
        if team_id:
            search_domain |= Domain("team_ids", "in", team_id)
        return (
            stages.sudo()
            .search(search_domain, order=stages._order)
            .with_env(stages.env)
        )

    @api.constrains("stage_id", "team_id")
    def _check_stage_team(self):
        """A ticket's stage is one of its team's stages (the form's domain is not
        the only guard: imports and scripts write stages too)."""
        for ticket in self:
            stages = ticket.team_id.stage_ids
            if ticket.stage_id and stages and ticket.stage_id not in stages:
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s is not a stage of the team %(team)s.",
                        stage=ticket.stage_id.name,
                        team=ticket.team_id.name,
                    )
                )

    def _check_team_membership(self):
        """Agents put tickets only into teams open to them: a team restricted to
        invited users takes tickets from its members, its leader and helpdesk
        managers (assigning the ticket to oneself does not bypass it)."""
        if self.env.su or self.env.user.has_group(
            "helpdesk_base.helpdesk_base_group_manager"
        ):
            return
        user = self.env.user
        for team in self.team_id:
            if (
                team.privacy_visibility == "invited_internal"
                and user not in team.member_ids
                and user != team.user_id
            ):
                raise AccessError(
                    self.env._(
                        "Only the members of the team %(team)s can put tickets in it.",
                        team=team.name,
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        # Odoo replays a call that hit a serialization failure with the SAME
        # arguments: the values are enriched on copies, never on the caller's dicts
        vals_list = [self._map_enterprise_vals(vals) for vals in vals_list]
        now = self.env.cr.now()
        self._prepare_partners_from_vals(vals_list)
        self._prepare_team_values(vals_list)
        for vals in vals_list:
            vals.setdefault("date_last_stage_update", now)
            if vals.get("user_id"):
                vals.setdefault("date_assigned", now)
        context = self.env.context
        log_creation = not (
            context.get("mail_create_nolog") or context.get("tracking_disable")
        )
        follow_creator = not (
            context.get("mail_create_nosubscribe")
            or context.get("tracking_disable")
            or self.env.user.share
            or not self.env.user.active
        )
        # the creator's subscription and the "created" message are done below for
        # the whole batch (Odoo's mail posts and notifies each ticket on its own)
        tickets = (
            super(
                HelpdeskTicket,
                self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
            )
            .create(vals_list)
            .with_env(self.env)
        )
        tickets._check_team_membership()
        closed = tickets.filtered("is_closed")
        if closed:
            closed._on_stage_changed(now)
        # the followers Odoo gave them (assignee, team followers), read once
        followers = tickets._get_followers_subtypes()
        tickets._subscribe_customers(
            self.env.user.partner_id if follow_creator else None, followers
        )
        if log_creation:
            tickets._log_creation(followers)
        if any(vals.get("related_ticket_ids") for vals in vals_list):
            tickets._sync_related_tickets()
        tickets._detect_duplicates()
        return tickets

    def write(self, vals):
        vals = self._map_enterprise_vals(vals)
        now = self.env.cr.now()
        if "stage_id" in vals:
            vals = dict(vals, date_last_stage_update=now)
            if any(ticket.auto_close_reminder_date for ticket in self):
                vals["auto_close_reminder_date"] = False
        changed_user = self.env["helpdesk.ticket"]
        if vals.get("user_id"):
            changed_user = self.filtered(lambda t: t.user_id.id != vals["user_id"])
        changed_stage = self.env["helpdesk.ticket"]
        if "stage_id" in vals:
            changed_stage = self.filtered(lambda t: t.stage_id.id != vals["stage_id"])
        former_customers = {}
        if "partner_id" in vals:
            former_customers = {
                ticket: ticket.partner_id
                for ticket in self
                if ticket.partner_id and ticket.partner_id.id != vals["partner_id"]
            }
        res = super().write(vals)
        if "team_id" in vals:
            self._check_team_membership()
        if changed_user:
            changed_user._on_assigned(now)
        if changed_stage:
            changed_stage._on_stage_changed(now)
        if "team_id" in vals and "user_id" not in vals:
            to_assign = self.filtered(
                lambda t: t.team_id
                and not t.user_id
                and t.team_id.assign_method != "manual"
            )
            if to_assign:
                to_assign._auto_assign()
        if former_customers:
            self._unsubscribe_former_customers(former_customers)
        if vals.get("partner_id"):
            self._subscribe_customers()
        if "partner_id" in vals:
            self._forget_other_customers_duplicates()
        if "related_ticket_ids" in vals:
            self._sync_related_tickets()
        return res

    @api.model
    def _map_enterprise_vals(self, vals):
        """A copy of ``vals`` where Odoo Enterprise's field names are ours."""
        vals = dict(vals)
        for name, ours in ENTERPRISE_FIELD_ALIASES.items():
            if name in vals:
                value = vals.pop(name)
                vals.setdefault(ours, value)
        return vals

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        return [
            dict(vals, name=self.env._("%(name)s (copy)", name=ticket.name))
            for ticket, vals in zip(self, vals_list, strict=True)
        ]

    # ------------------------------------------------------------------ actions
    def action_assign_to_me(self):
        self.check_access("write")
        self.write({"user_id": self.env.uid})

    def action_open_customer_tickets(self):
        self.ensure_one()
        return self.commercial_partner_id.action_open_helpdesk_tickets()

    def action_merge_duplicate(self):
        """Open the merge wizard on this possible duplicate and the ticket whose
        list shows it: the wizard's own rules decide what is kept and who
        follows."""
        origin = self._get_duplicate_origin()
        tickets = origin | self
        tickets.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_ticket_merge_action"
        )
        action["context"] = {
            "active_model": self._name,
            "active_id": origin.id,
            "active_ids": tickets.ids,
        }
        return action

    def action_link_related(self):
        """This possible duplicate is about the same matter but stays apart: it
        becomes a related ticket of the ticket whose list shows it, both ways."""
        origin = self._get_duplicate_origin()
        (origin | self).check_access("write")
        self._unlink_duplicate(origin)
        origin.write({"related_ticket_ids": [Command.link(self.id)]})

    def action_dismiss_duplicate(self):
        """Not a duplicate: neither ticket proposes the other any more."""
        origin = self._get_duplicate_origin()
        (origin | self).check_access("write")
        self._unlink_duplicate(origin)

    def action_view_outage_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_ticket_action"
        )
        name = self.env._(
            "Possible outage: %(subject)s",
            subject=self.outage_ticket_id.sudo().name or self.name,
        )
        action.update(
            name=name,
            display_name=name,
            domain=[("outage_ticket_id", "=", self.outage_ticket_id.id)],
            context={"search_default_filter_open": 1},
            view_mode="list,kanban,form",
            views=[(False, "list"), (False, "kanban"), (False, "form")],
        )
        return action

    # ------------------------------------------------------------------ business
    def _prepare_partners_from_vals(self, vals_list):
        """Find or create the customers named by e-mail in ``vals_list``, in one batch.

        Mail gateway, RPC and portal callers may give only ``partner_email`` (and
        ``partner_name`` / ``partner_phone``): the ticket is linked to the existing
        partner with that address, or to a new one.
        """
        pending = [
            vals
            for vals in vals_list
            if not vals.get("partner_id")
            and tools.email_normalize(vals.get("partner_email") or "")
        ]
        if not pending:
            return
        emails = [vals["partner_email"] for vals in pending]
        additional = {
            tools.email_normalize(vals["partner_email"]): {
                key: value
                for key, value in (
                    ("name", vals.get("partner_name")),
                    ("phone", vals.get("partner_phone")),
                )
                if value
            }
            for vals in pending
        }
        # agents may open tickets for new customers without the contact creation right
        partners = (
            self.env["res.partner"]
            .sudo()
            ._find_or_create_from_emails(emails, additional_values=additional)
        )
        for vals, partner in zip(pending, partners, strict=True):
            if partner:
                vals["partner_id"] = partner.id

    def _prepare_team_values(self, vals_list):
        """Set ``ticket_ref``, the team's first stage and, for auto-assigning teams,
        ``user_id`` in the values before the insert: one sequence round-trip per
        company, one assignment per team, no write afterwards; and the stage is
        part of the creation tracking, so its template greets the customer."""
        Team = self.env["helpdesk.team"]
        default_team = Team
        if any("team_id" not in vals for vals in vals_list):
            context_team_id = self.env.context.get("default_team_id")
            default_team = (
                Team.browse(context_team_id)
                if context_team_id
                else self._default_team_id()
            )
        by_company = defaultdict(list)
        by_team = defaultdict(list)
        for vals in vals_list:
            team = Team.browse(vals["team_id"]) if "team_id" in vals else default_team
            company_id = (
                vals.get("company_id") or team.company_id.id or self.env.company.id
            )
            if not vals.get("ticket_ref") or vals["ticket_ref"] == "/":
                by_company[company_id].append(vals)
            if not vals.get("stage_id") and team.stage_ids:
                vals["stage_id"] = team.stage_ids.sorted()[0].id
            if team and not vals.get("user_id"):
                by_team[team].append(vals)
        for company_id, company_vals in by_company.items():
            company = self.env["res.company"].browse(company_id)
            for vals, ref in zip(
                company_vals,
                company._helpdesk_next_ticket_refs(len(company_vals)),
                strict=True,
            ):
                vals["ticket_ref"] = ref
        for team, team_vals in by_team.items():
            if team.assign_method == "manual":
                continue
            tags = [self._tags_from_vals(vals) for vals in team_vals]
            for vals, user_id in zip(
                team_vals, team._pick_assignees(tags), strict=True
            ):
                if user_id:
                    vals["user_id"] = user_id

    def _tags_from_vals(self, vals):
        """The tags a ``tag_ids`` value (commands or ids) will give the new ticket."""
        tag_ids = set()
        for command in vals.get("tag_ids") or ():
            if isinstance(command, int):
                tag_ids.add(command)
            elif command[0] == Command.SET:
                tag_ids = set(command[2])
            elif command[0] == Command.LINK:
                tag_ids.add(command[1])
        return self.env["helpdesk.tag"].browse(sorted(tag_ids))

    def _auto_assign(self):
        """Assign unassigned tickets per their team's method (after a team change)."""
        by_team = defaultdict(lambda: self.env["helpdesk.ticket"])
        for ticket in self:
            by_team[ticket.team_id] |= ticket
        for team, tickets in by_team.items():
            tickets = tickets.sorted("id")
            user_ids = team._pick_assignees([ticket.tag_ids for ticket in tickets])
            by_user = defaultdict(list)
            for ticket, user_id in zip(tickets, user_ids, strict=True):
                if user_id:
                    by_user[user_id].append(ticket.id)
            for user_id, ticket_ids in by_user.items():
                self.browse(ticket_ids).write({"user_id": user_id})

    def _get_duplicate_origin(self):
        """The ticket whose "Possible Duplicates" list holds ``self``, where an
        agent clicked a button (``helpdesk_duplicate_origin_id`` in the context)."""
        self.ensure_one()
        origin = self.browse(
            self.env.context.get("helpdesk_duplicate_origin_id")
        ).exists()
        if not origin or self not in origin.duplicate_ticket_ids:
            raise UserError(
                self.env._("This ticket is no longer a possible duplicate.")
            )
        return origin

    def _unlink_duplicate(self, other):
        """Forget that ``self`` and ``other`` may be duplicates, both ways."""
        self.write({"duplicate_ticket_ids": [Command.unlink(other.id)]})
        other.write({"duplicate_ticket_ids": [Command.unlink(self.id)]})

    def _forget_other_customers_duplicates(self):
        """Possible duplicates are tickets of one customer (commercial entity):
        when the customer of tickets of ``self`` changes, their links to the
        tickets of other customers go, both ways (one query)."""
        self.flush_model(["commercial_partner_id", "duplicate_ticket_ids"])
        rows = self.env.execute_query(
            SQL(
                """
                DELETE FROM helpdesk_ticket_duplicate_rel rel
                 USING helpdesk_ticket ticket, helpdesk_ticket other
                 WHERE ticket.id = rel.ticket_id
                   AND other.id = rel.duplicate_id
                   AND (rel.ticket_id = ANY(%(ids)s) OR rel.duplicate_id = ANY(%(ids)s))
                   AND ticket.commercial_partner_id
                       IS DISTINCT FROM other.commercial_partner_id
             RETURNING rel.ticket_id
                """,
                ids=self.ids,
            )
        )
        if rows:
            self.browse({row[0] for row in rows}).invalidate_recordset(
                ["duplicate_ticket_ids"]
            )

    def _sync_related_tickets(self):
        """Related tickets are related both ways: the links of the tickets of
        ``self`` are added to the other tickets, removed links are removed from
        them; two queries."""
        self.env.flush_all()
        params = {"ids": self.ids}
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM helpdesk_ticket_related_rel rel
                 WHERE rel.related_id = ANY(%(ids)s)
                   AND NOT EXISTS (
                       SELECT 1 FROM helpdesk_ticket_related_rel back
                        WHERE back.ticket_id = rel.related_id
                          AND back.related_id = rel.ticket_id
                   )
                """,
                **params,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO helpdesk_ticket_related_rel (ticket_id, related_id)
                SELECT related_id, ticket_id
                  FROM helpdesk_ticket_related_rel
                 WHERE ticket_id = ANY(%(ids)s)
                ON CONFLICT DO NOTHING
                """,
                **params,
            )
        )
        self.invalidate_model(["related_ticket_ids"])

    def _detect_duplicates(self):
        """Flag what the new tickets of ``self`` may duplicate, for their teams
        that detect duplicates:

        - the open tickets of the same customer (commercial entity) with a
          similar subject, created in the team's last days
          (``duplicate_ticket_ids``, both ways);
        - an outage: open tickets of the team with a similar subject from at
          least the team's number of customers within its window of minutes
          (``outage_ticket_id``: the cluster's first ticket, on each of them).

        Subjects are compared by PostgreSQL's trigram similarity through the
        trigram index of ``name``. A constant number of queries for the whole
        batch, as superuser and within each ticket's company: the agents read
        the results with their own rights."""
        tickets = self.filtered(
            lambda t: t.active and not t.is_closed and t.team_id.use_duplicate_detection
        )
        if not tickets or not self.env.registry.has_trigram:
            return
        self.env["helpdesk.team"].flush_model(
            [
                "use_duplicate_detection",
                "duplicate_threshold",
                "duplicate_days",
                "outage_window_minutes",
                "outage_min_customers",
            ]
        )
        self.flush_model(
            [
                "name",
                "active",
                "is_closed",
                "company_id",
                "team_id",
                "commercial_partner_id",
                "outage_ticket_id",
            ]
        )
        # the "%" operator, which the index serves, keeps the pairs above the
        # lowest threshold of the batch; each team's own is checked after it
        threshold = min(tickets.team_id.mapped("duplicate_threshold"))
        self.env.cr.execute(
            SQL(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                str(threshold),
            )
        )
        now = self.env.cr.now()
        tickets._detect_same_customer(now)
        tickets._detect_outages(now)

    def _duplicate_name_sql(self, alias):
        """The subject of the ticket ``alias`` as its trigram index holds it
        (through ``unaccent`` when the database indexes it so)."""
        column = SQL.identifier(alias, "name")
        if self.env.registry.has_unaccent == FunctionStatus.INDEXABLE:
            return self.env.registry.unaccent(column)
        return column

    def _similar_subject_sql(self, incoming, other):
        """``other``'s subject is at least the team's threshold
        (``incoming.threshold``) similar to ``incoming``'s."""
        incoming_name = self._duplicate_name_sql(incoming)
        other_name = self._duplicate_name_sql(other)
        return SQL(
            "%(other)s %% %(incoming)s "
            "AND similarity(%(other)s, %(incoming)s) >= %(threshold)s",
            other=other_name,
            incoming=incoming_name,
            threshold=SQL.identifier(incoming, "threshold"),
        )

    def _detect_same_customer(self, now):
        """Link the tickets of ``self`` and the older open tickets of their
        customer with a similar subject in their team's last days: one query."""
        rows = self.env.execute_query(self._same_customer_sql(now))
        if rows:
            self.browse({row[0] for row in rows}).invalidate_recordset(
                ["duplicate_ticket_ids"]
            )

    def _same_customer_sql(self, now):
        """The insertion of the possible duplicates of the tickets of ``self``
        (both ways), returning the tickets whose list changed."""
        return SQL(
            """
            WITH incoming AS (
                SELECT ticket.id, ticket.name, ticket.company_id,
                       ticket.commercial_partner_id, ticket.description,
                       team.duplicate_threshold AS threshold,
                       %(now)s - make_interval(days => team.duplicate_days)
                           AS since
                  FROM helpdesk_ticket ticket
                  JOIN helpdesk_team team ON team.id = ticket.team_id
                 WHERE ticket.id = ANY(%(ids)s)
                   AND ticket.commercial_partner_id IS NOT NULL
            ), pairs AS (
                SELECT incoming.id AS ticket_id, other.id AS duplicate_id
                  FROM incoming
                  JOIN helpdesk_ticket other
                    ON other.commercial_partner_id
                       = incoming.commercial_partner_id
                   AND other.company_id = incoming.company_id
                   AND other.id < incoming.id
                   AND other.active
                   AND other.is_closed IS NOT TRUE
                   AND other.create_date >= incoming.since
                   AND (%(similar)s OR %(similar_text)s)
            )
            INSERT INTO helpdesk_ticket_duplicate_rel (ticket_id, duplicate_id)
            SELECT ticket_id, duplicate_id FROM pairs
             UNION
            SELECT duplicate_id, ticket_id FROM pairs
            ON CONFLICT DO NOTHING
            RETURNING ticket_id
            """,
            now=now,
            ids=self.ids,
            similar=self._similar_subject_sql("incoming", "other"),
            similar_text=self._similar_description_sql("incoming", "other"),
        )

    def _similar_description_sql(self, incoming, other):
        """Both tickets say something (20 letters or more) and their texts, tags
        left out, are at least the team's threshold similar: a customer who
        writes twice about one problem does not always reuse the subject."""
        texts = [
            SQL(
                "left(regexp_replace(left(%s, 4000), '<[^>]*>|&[a-z#0-9]+;', ' ', "
                "'gi'), 1000)",
                SQL.identifier(alias, "description"),
            )
            for alias in (incoming, other)
        ]
        return SQL(
            "(length(%(a)s) >= 20 AND length(%(b)s) >= 20 "
            "AND similarity(%(a)s, %(b)s) >= %(threshold)s)",
            a=texts[0],
            b=texts[1],
            threshold=SQL.identifier(incoming, "threshold"),
        )

    def _detect_outages(self, now):
        """Gather the tickets of ``self`` and the open tickets of their team with
        a similar subject created within the team's outage window, when they
        come from enough customers, under the first ticket of the cluster (an
        existing cluster keeps its first ticket): two queries."""
        leads = {}
        for ticket_id, free_ids, existing_lead in self.env.execute_query(
            self._outage_sql(now)
        ):
            members = [ticket_id, *(free_ids or ())]
            lead = (
                existing_lead
                or next((leads[m] for m in members if m in leads), None)
                or min(members)
            )
            for member in members:
                leads.setdefault(member, lead)
        if not leads:
            return
        new = {ticket: lead for ticket, lead in leads.items() if ticket in self.ids}
        self.env.cr.execute(self._outage_update_sql(new))
        older = {ticket: lead for ticket, lead in leads.items() if ticket not in new}
        if older:
            # the older tickets of an outage are what concurrent intakes of the
            # same outage all want to update: rows another one holds are left to
            # it, and if it committed first, its cluster stands (no wait, no
            # serialization failure making the whole creation start again)
            try:
                with self.env.cr.savepoint(flush=False):
                    self.env.cr.execute(
                        self._outage_update_sql(older, skip_locked=True),
                        log_exceptions=False,
                    )
            except psycopg2.errors.SerializationFailure:
                _logger.info(
                    "Helpdesk: tickets %s were gathered in an outage meanwhile",
                    list(older),
                )
        self.browse(list(leads)).invalidate_recordset(["outage_ticket_id"])

    @api.model
    def _outage_update_sql(self, leads, skip_locked=False):
        """Put the tickets of ``leads`` (``{ticket id: first ticket id}``) not
        in an outage yet under their outage's first ticket."""
        locked = SQL(
            "AND ticket.id IN (SELECT id FROM helpdesk_ticket WHERE id = ANY(%s) "
            "FOR UPDATE SKIP LOCKED)",
            list(leads),
        )
        return SQL(
            """
            UPDATE helpdesk_ticket ticket
               SET outage_ticket_id = cluster.lead
              FROM unnest(%s::int[], %s::int[]) AS cluster(id, lead)
             WHERE ticket.id = cluster.id
               AND ticket.outage_ticket_id IS NULL
               %s
            """,
            list(leads),
            list(leads.values()),
            locked if skip_locked else SQL(),
        )

    def _outage_sql(self, now):
        """For each ticket of ``self`` in a possible outage: the similar open
        tickets of its team in the window not in an outage yet, and the first
        ticket of the outage some of them are in."""
        return SQL(
            """
            WITH incoming AS (
                SELECT ticket.id, ticket.name, ticket.team_id,
                       ticket.commercial_partner_id,
                       team.duplicate_threshold AS threshold,
                       team.outage_min_customers AS min_customers,
                       %(now)s - make_interval(mins => team.outage_window_minutes)
                           AS since
                  FROM helpdesk_ticket ticket
                  JOIN helpdesk_team team ON team.id = ticket.team_id
                 WHERE ticket.id = ANY(%(ids)s)
            )
            SELECT incoming.id,
                   array_agg(other.id ORDER BY other.id)
                       FILTER (WHERE other.outage_ticket_id IS NULL),
                   min(other.outage_ticket_id)
              FROM incoming
              JOIN helpdesk_ticket other
                ON other.team_id = incoming.team_id
               AND other.id <> incoming.id
               AND other.active
               AND other.is_closed IS NOT TRUE
               AND other.create_date >= incoming.since
               AND %(similar)s
          GROUP BY incoming.id, incoming.commercial_partner_id,
                   incoming.min_customers
            HAVING count(DISTINCT other.commercial_partner_id) FILTER (
                       WHERE other.commercial_partner_id
                             IS DISTINCT FROM incoming.commercial_partner_id
                   ) + (incoming.commercial_partner_id IS NOT NULL)::int
                   >= incoming.min_customers
          ORDER BY incoming.id
            """,
            now=now,
            ids=self.ids,
            similar=self._similar_subject_sql("incoming", "other"),
        )

    def _get_customer_deadline(self):
        """Hook: the moment the customer is promised an answer by, shown to them
        (e.g. "Expected answer by" on the portal), or False. Never the agents'
        manual deadline, an internal date: the base promises nothing; the SLA
        addon returns the nearest response deadline of a customer-facing
        policy that is still ahead."""
        self.ensure_one()
        return False

    def _working_hours_since_creation(self, end):
        """Working hours of the team (else of the company) from the creation of
        each ticket of ``self`` to ``end`` — a moment, or the name of a datetime
        field of the tickets (each ticket's own end): the list of hours, in the
        order of ``self``, with one calendar read per calendar for the whole
        batch."""
        requests = []
        for ticket in self:
            ticket_end = ticket[end] if isinstance(end, str) else end
            requests.append(
                (
                    ticket.team_id.resource_calendar_id
                    or ticket.company_id.resource_calendar_id,
                    ticket.create_date or ticket_end,
                    ticket_end,
                )
            )
        return self.env["resource.calendar"]._helpdesk_work_hours(requests)

    def _on_assigned(self, now):
        """Stamp the assignment; ``now`` is the transaction time, like ``create_date``,
        so tickets assigned while being created cost no calendar computation. The
        hours of the first assignment are written grouped by value: the ORM
        flushes them with the assignment itself, by batches of rows."""
        first = self.filtered(lambda t: not t.assign_hours)
        if self - first:
            (self - first).write({"date_assigned": now})
        first._stamp_working_hours(now, "date_assigned", "assign_hours")

    def _on_stage_changed(self, now):
        """Reopened tickets lose their closing; closing ones get the closing date
        and working hours, computed for the whole batch at once."""
        reopened = self.filtered(lambda t: not t.is_closed and t.date_closed)
        if reopened:
            reopened.write({"date_closed": False, "close_hours": 0.0})
        closing = self.filtered(lambda t: t.is_closed and not t.date_closed)
        closing._stamp_working_hours(now, "date_closed", "close_hours")
        answered = closing.filtered("needs_reply")
        if answered:
            # a closed ticket waits for nobody
            answered.write({"needs_reply": False})

    def _stamp_working_hours(self, now, date_field, hours_field):
        """Write ``now`` in ``date_field`` and the working hours since creation in
        ``hours_field``, grouped by value: the ORM flushes them in the same
        batched UPDATEs as the change that caused them."""
        by_hours = defaultdict(list)
        hours = self._working_hours_since_creation(now)
        for ticket, value in zip(self, hours, strict=True):
            by_hours[value].append(ticket.id)
        for value, ids in by_hours.items():
            self.browse(ids).write({date_field: now, hours_field: value})

    def _get_followers_subtypes(self):
        """``{ticket id: {partner id: subtype ids}}``: the followers of the
        tickets of ``self``, in one query."""
        followers = defaultdict(dict)
        if not self:
            return followers
        for _id, ticket_id, partner_id, subtype_ids in self.env[
            "mail.followers"
        ]._get_subscription_data([(self._name, self.ids)], None):
            if partner_id:
                followers[ticket_id][partner_id] = {
                    subtype_id for subtype_id in subtype_ids if subtype_id
                }
        return followers

    def _subscribe_customers(self, creator=None, followers=None):
        """Active customers follow their tickets with the default subtypes (the
        public ones for portal customers), as ``message_subscribe`` does; at
        creation, the ``creator`` too. The followers a ticket has already (its
        assignee, the team's; ``followers``: ``_get_followers_subtypes``, read if
        not given) are kept. One insertion per customer for the batch."""
        if followers is None:
            followers = self._get_followers_subtypes()
        Partner = self.env["res.partner"]
        by_partners = defaultdict(list)
        for ticket in self:
            customer = ticket.partner_id if ticket.partner_id.active else Partner
            partners = ((creator or Partner) | customer).filtered(
                lambda partner, t=ticket: partner.id not in followers[t.id]
            )
            if partners:
                by_partners[partners].append(ticket.id)
        Followers = self.env["mail.followers"]
        for partners, ticket_ids in by_partners.items():
            Followers._insert_followers(
                self._name,
                ticket_ids,
                partners.ids,
                customer_ids=partners.filtered("partner_share").ids,
                check_existing=False,
            )

    def _log_creation(self, followers):
        """The "Ticket created" message of the new tickets. Posted, hence
        notified, on the tickets where a follower takes that subtype (the team's
        followers, from ``followers``: ``_get_followers_subtypes``); logged in
        one batch on the others, where Odoo would post and notify nobody one
        ticket at a time."""
        subtype_id = self._creation_subtype().id
        notified = self.filtered(
            lambda ticket: any(
                subtype_id in subtypes for subtypes in followers[ticket.id].values()
            )
        )
        author = self.env.user.partner_id
        for ticket in notified:
            ticket.sudo().message_post(
                subtype_id=subtype_id,
                author_id=author.id,
                body=ticket._creation_body(),
            )
        logged = self - notified
        if not logged:
            return
        author_id, email_from = logged._message_compute_author(author.id)
        reply_to = self.env["mail.thread"]._notify_get_reply_to(
            default=email_from, author_id=author_id
        )[False]
        logged.sudo()._message_create(
            [
                {
                    "author_id": author_id,
                    "email_from": email_from,
                    "model": self._name,
                    "res_id": ticket.id,
                    "body": ticket._creation_body(),
                    "message_type": "notification",
                    "subtype_id": subtype_id,
                    "email_add_signature": False,
                    "message_id": generate_tracking_message_id("message-notify"),
                    "reply_to": reply_to,
                    "record_alias_domain_id": False,
                    "record_company_id": False,
                }
                for ticket in logged
            ]
        )

    def _creation_body(self):
        # the body Odoo's mail gives the creation message (hidden in the chatter)
        return Markup('<div summary="o_mail_notification"><p>%s</p></div>') % (
            self._creation_message()
        )

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=False):
        """The portal prepares the customer's signup token for each notification
        by writing it on the partner, even unchanged: under parallel creations for
        one customer, those writes of the same row fail with serialization errors
        and the requests are replayed. Here an unchanged token is not rewritten."""
        return super(
            HelpdeskTicket, self.with_context(helpdesk_keep_signup_type=True)
        )._notify_get_recipients_groups(message, model_description, msg_vals=msg_vals)

    def _unsubscribe_former_customers(self, former_customers):
        """A ticket handed to another customer stops being followed by the former
        one: they no longer see it on the portal nor receive its replies.

        ``former_customers`` maps tickets to the customer they had; one call per
        former customer.
        """
        by_partner = defaultdict(lambda: self.env["helpdesk.ticket"])
        for ticket, partner in former_customers.items():
            if ticket.partner_id != partner:
                by_partner[partner] |= ticket
        for partner, tickets in by_partner.items():
            tickets.sudo().message_unsubscribe(partner_ids=partner.ids)

    def _message_track(self, fields_iter, initial_values_dict):
        """Odoo posts the tracking message of each ticket on its own, with the
        whole notification machinery. The messages that notify nobody (no
        follower of the ticket takes their subtype: most stage changes) are
        created in one batch at the end instead, as Odoo creates its logged
        ones: a bulk change costs a constant number of queries."""
        data = self.env.cr.precommit.data
        data[TRACK_BATCH_KEY] = {
            "followers": self._get_followers_subtypes(),
            "values": [],
        }
        try:
            tracking = super()._message_track(fields_iter, initial_values_dict)
            values = data[TRACK_BATCH_KEY]["values"]
        finally:
            data.pop(TRACK_BATCH_KEY, None)
        if values:
            self._create_tracking_messages(values)
        return tracking

    def _create_tracking_messages(self, values_list):
        """Create the gathered tracking messages, then all their tracking values
        in one batch (Odoo's mail creates those one message at a time)."""
        reply_to = {}
        trackings = []
        for vals in values_list:
            author = (vals["author_id"], vals["email_from"])
            if author not in reply_to:
                reply_to[author] = self.env["mail.thread"]._notify_get_reply_to(
                    default=vals["email_from"], author_id=vals["author_id"]
                )[False]
            vals["reply_to"] = reply_to[author]
            trackings.append(vals.pop("tracking_value_ids"))
        messages = self.sudo()._message_create(values_list)
        self.env["mail.tracking.value"].sudo().create(
            [
                dict(command[2], mail_message_id=message.id)
                for message, commands in zip(messages, trackings, strict=True)
                for command in commands
            ]
        )

    def message_post(self, **kwargs):
        batch = self.env.cr.precommit.data.get(TRACK_BATCH_KEY)
        if (
            batch is None
            or len(self) != 1
            or not set(kwargs) <= TRACK_POST_KEYS
            or not kwargs.get("subtype_id")
            or any(
                command[0] != Command.CREATE
                for command in kwargs.get("tracking_value_ids") or ()
            )
            or any(
                kwargs["subtype_id"] in subtypes
                for subtypes in batch["followers"][self.id].values()
            )
        ):
            return super().message_post(**kwargs)
        # a tracking message nobody is notified of: created with the batch
        author_id, email_from = self._message_compute_author(kwargs.get("author_id"))
        batch["values"].append(
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": self._name,
                "res_id": self.id,
                "body": kwargs.get("body") or "",
                "message_type": "notification",
                "subtype_id": kwargs["subtype_id"],
                "tracking_value_ids": kwargs.get("tracking_value_ids") or [],
                "email_add_signature": False,
                "message_id": generate_tracking_message_id("message-notify"),
                "record_alias_domain_id": False,
                "record_company_id": False,
            }
        )
        return self.env["mail.message"]

    def _message_track_post_template(self, changes):
        """Stage e-mails and SMS: once per stage entry seen at commit. The SMS is
        queued here; the e-mail is written later by a cron (see
        ``helpdesk.ticket.stage.mail``): rendering it would cost the request more
        than the ticket itself."""
        res = super()._message_track_post_template(changes)
        if "stage_id" in changes and not self.env.context.get("helpdesk_auto_reply"):
            self._send_stage_sms()
            self._queue_stage_mails()
        return res

    def _queue_stage_mails(self):
        """Record the stage e-mail of the tickets of ``self`` whose stage has a
        template; the rows of a transaction are inserted in one batch, before its
        commit, and the cron writing them is woken up at the commit."""
        tickets = self.filtered(lambda t: t.stage_id.template_id)
        if not tickets:
            return
        data = self.env.cr.precommit.data
        pending = data.setdefault("helpdesk.stage_mail_jobs", [])
        if not pending:
            self.env.cr.precommit.add(self._flush_stage_mail_jobs)
        pending.extend((ticket.id, ticket.stage_id.id) for ticket in tickets)

    @api.model
    def _flush_stage_mail_jobs(self):
        pending = self.env.cr.precommit.data.pop("helpdesk.stage_mail_jobs", [])
        if not pending:
            return
        self.env["helpdesk.ticket.stage.mail"].sudo().create(
            [
                {"ticket_id": ticket_id, "stage_id": stage_id}
                for ticket_id, stage_id in dict.fromkeys(pending)
            ]
        )
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "helpdesk_base.ir_cron_helpdesk_stage_mail", raise_if_not_found=False
        )
        if cron_id:
            # due at once, without waking the cron workers up through PostgreSQL
            # (a round trip on another connection for every request): they run
            # it at their next poll, within a minute
            self.env["ir.cron.trigger"].sudo().create(
                {"cron_id": cron_id, "call_at": fields.Datetime.now()}
            )

    def _post_stage_mail(self, template):
        """Post the stage's template on the ticket as the customer's automatic
        e-mail (see ``_post_customer_mail``)."""
        self._post_customer_mail(template)

    def _post_customer_mail(self, template):
        """Post ``template`` on the ticket as an automatic e-mail to the customer:
        queued (the mail queue is woken up at commit), shown in the ticket's
        history on the portal too, notified to no agent."""
        self.ensure_one()
        self._fallback_lang().message_post_with_source(
            template,
            message_type="auto_comment",
            subtype_xmlid="helpdesk_base.mt_ticket_auto_reply",
            email_layout_xmlid="mail.mail_notification_light",
            force_send=False,
        )
        self._wake_mail_queue()

    # -------------------------------------------------------------- automatic closing
    def _auto_close_remind(self, now):
        """Send the closing reminder of their team to the customers of the idle
        tickets of ``self`` (one team)."""
        template = self.team_id.auto_close_reminder_template_id
        for ticket in self:
            if ticket.partner_id and template:
                ticket._post_customer_mail(template)
        self.write({"auto_close_reminder_date": now})

    def _auto_close(self, stage, days):
        """Close the idle tickets of ``self`` in ``stage`` (its e-mail tells the
        customer) and say why in their histories."""
        self.write({"stage_id": stage.id})
        body = self.env._(
            "Closed automatically: no news from the customer for %(days)s days.",
            days=days,
        )
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))

    def _send_stage_sms(self):
        """Text the customer the SMS template of the stage the tickets just entered."""
        for ticket in self.filtered(
            lambda t: t.stage_id.sms_template_id and t.partner_id
        ):
            ticket._message_sms_with_template(
                template=ticket.stage_id.sms_template_id,
                partner_ids=ticket.partner_id.ids,
                put_in_queue=True,
            )

    def _wake_mail_queue(self):
        """Trigger the mail queue's cron once per transaction: queued automatic
        mails leave within seconds of the commit, not at the next scheduled run."""
        data = self.env.cr.precommit.data
        if data.get("helpdesk.mail_queue_woken"):
            return
        cron = self.env.ref(
            "mail.ir_cron_mail_scheduler_action", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()
            data["helpdesk.mail_queue_woken"] = True

    def _creation_message(self):
        return self.env._("Ticket created")

    def _creation_subtype(self):
        # browsed from the cached XML id: no existence query per creation
        return self.env["mail.message.subtype"].browse(
            self.env["ir.model.data"]._xmlid_to_res_id("helpdesk_base.mt_ticket_new")
        )

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env["mail.message.subtype"].browse(
                self.env["ir.model.data"]._xmlid_to_res_id(
                    "helpdesk_base.mt_ticket_stage"
                )
            )
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------ replies
    def _is_public_message(self, message):
        """A message the customer sees: no internal note, no tracking."""
        return bool(
            message.message_type in ("comment", "email")
            and not message.is_internal
            and message.subtype_id
            and not message.subtype_id.internal
        )

    def _is_agent_message(self, message):
        """A public reply written by an internal user who is not the customer."""
        self.ensure_one()
        author = message.author_id
        return bool(
            self._is_public_message(message)
            and author
            and author.commercial_partner_id != self.commercial_partner_id
            and any(not user.share for user in author.user_ids)
        )

    def _is_customer_message(self, message):
        """A public message of the customer (any contact of their company), of a
        portal user or of an outside sender: someone waits for an answer."""
        self.ensure_one()
        if not self._is_public_message(message):
            return False
        author = message.author_id
        return bool(
            not author
            or author.commercial_partner_id == self.commercial_partner_id
            or not author.user_ids
            or all(user.share for user in author.user_ids)
        )

    def _get_reopen_stage(self):
        """Hook: the stage a waiting ticket goes back to when the customer writes,
        and a closed ticket the customer reopens: the team's choice, else its
        first open stage."""
        self.ensure_one()
        team = self.team_id
        stage = team.customer_reply_stage_id
        if stage and stage in team.stage_ids and not stage.is_closed:
            return stage
        return team.stage_ids.filtered(lambda s: not s.is_closed).sorted()[:1]

    def _get_reopen_deadline(self):
        """The last moment the customer can reopen the closed ticket, or False."""
        self.ensure_one()
        days = self.team_id.reopen_days
        if not self.is_closed or not self.date_closed or days <= 0:
            return False
        return self.date_closed + timedelta(days=days)

    def _can_reopen(self):
        """Whether the customer can still reopen the closed ticket: it was closed
        less than the team's number of days ago, and the team has an open stage."""
        self.ensure_one()
        deadline = self._get_reopen_deadline()
        return bool(
            deadline and fields.Datetime.now() <= deadline and self._get_reopen_stage()
        )

    def _message_post_after_hook(self, message, msg_values):
        res = super()._message_post_after_hook(message, msg_values)
        if len(self) == 1 and self._is_public_message(message):
            if self._is_agent_message(message):
                self._on_agent_message(message)
            elif self._is_customer_message(message):
                self._on_customer_message(message)
        return res

    def _on_agent_message(self, message):
        """The team answered: the ticket needs no reply any more; the first
        answer is stamped with its working hours since the creation."""
        ticket = self.sudo()
        if not ticket.date_first_response:
            ticket._stamp_working_hours(
                self.env.cr.now(), "date_first_response", "first_response_hours"
            )
        if ticket.needs_reply:
            ticket.needs_reply = False

    def _on_customer_message(self, message):
        """The customer wrote: the ticket needs a reply; a waiting ticket comes
        back to the team, a ticket closed lately reopens (whoever posts, the
        customer needs no write access for that)."""
        self.ensure_one()
        vals = {"date_last_customer_message": message.date or self.env.cr.now()}
        if self.auto_close_reminder_date:
            vals["auto_close_reminder_date"] = False
        stage = self.env["helpdesk.stage"]
        if self.is_closed:
            if self._can_reopen():
                stage = self._get_reopen_stage()
        elif self.stage_id in self.team_id.waiting_stage_ids:
            stage = self._get_reopen_stage()
        if stage and stage != self.stage_id:
            vals["stage_id"] = stage.id
        if not self.is_closed or stage:
            vals["needs_reply"] = True
        self.sudo().write(vals)

    # ------------------------------------------------------------------ responses
    def get_response_template_text(self, template_id):
        """The response template ``template_id`` rendered for this ticket, as the
        text the agent inserts in the chatter's composer: in the customer's
        language, its placeholders (customer, reference, agent...) filled. Only
        the response templates the agent may use; never an automation e-mail."""
        self.ensure_one()
        self.check_access("read")
        template = self.env["mail.template"].browse(template_id).exists()
        if (
            not template
            or not template.is_helpdesk_response
            or template.model != self._name
            or not template.has_access("read")
        ):
            raise UserError(self.env._("This response template is not available."))
        body = template._render_field("body_html", self.ids, compute_lang=True)[self.id]
        return tools.html2plaintext(body or "").strip()

    # ------------------------------------------------------------------ ratings
    @api.depends("rating_ids", "rating_ids.rating", "rating_ids.consumed")
    def _compute_rating_last_value(self):
        """Tickets whose ratings are known to be none (the ORM knows a ticket it
        just created has none) skip the rating addon's query."""
        ratings = self._fields["rating_ids"]._get_cache(self.env)
        unrated = self.filtered(lambda ticket: ratings.get(ticket.id) == ())
        unrated.rating_last_value = 0
        return super(HelpdeskTicket, self - unrated)._compute_rating_last_value()

    def _rating_get_parent_field_name(self):
        # ratings are filed under the team: its satisfaction is one query
        return "team_id"

    @api.model
    def _backfill_medium(self):
        """Tickets opened by an e-mail before the base recorded where tickets
        come from get the e-mail medium: one query."""
        medium = self.env["ir.model.data"]._xmlid_to_res_id(
            "utm.utm_medium_email", raise_if_not_found=False
        )
        if not medium:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket t
                   SET medium_id = %s
                  FROM (
                        SELECT DISTINCT ON (res_id) res_id, message_type
                          FROM mail_message
                         WHERE model = 'helpdesk.ticket'
                           AND message_type IN ('email', 'comment')
                      ORDER BY res_id, id
                       ) first
                 WHERE first.res_id = t.id
                   AND first.message_type = 'email'
                   AND t.medium_id IS NULL
                """,
                medium,
            )
        )
        self.invalidate_model(["medium_id"])

    @api.model
    def _backfill_first_response(self):
        """Set the first response of the tickets that have none from their first
        public message written by an agent (tickets answered before the base
        tracked it): one query."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE helpdesk_ticket t
               SET date_first_response = first.date
              FROM (
                SELECT msg.res_id, MIN(msg.date) AS date
                  FROM mail_message msg
                  JOIN mail_message_subtype st ON st.id = msg.subtype_id
                  JOIN helpdesk_ticket tk ON tk.id = msg.res_id
                  JOIN res_partner author ON author.id = msg.author_id
                 WHERE msg.model = 'helpdesk.ticket'
                   AND msg.message_type IN ('comment', 'email')
                   AND msg.is_internal IS NOT TRUE
                   AND st.internal IS NOT TRUE
                   AND author.commercial_partner_id
                       IS DISTINCT FROM tk.commercial_partner_id
                   AND EXISTS (
                       SELECT 1 FROM res_users u
                        WHERE u.partner_id = author.id AND NOT u.share
                   )
                 GROUP BY msg.res_id
              ) first
             WHERE first.res_id = t.id AND t.date_first_response IS NULL
            """
        )
        self.env.invalidate_all()

    # ------------------------------------------------------------------ mail gateway
    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """A new mail naming a ticket in its subject threads into it; robots open no
        tickets and our own addresses reach none: that is how mail loops start.
        Dropped here for alias routes, before the alias' contact checks bounce them;
        other routes are dropped when processed (``mail.thread``)."""
        if route and route[0] == self._name:
            if not route[1]:
                route = self._gateway_route_by_subject(message_dict, route)
            else:
                route = self._gateway_route_follow_up(message, message_dict, route)
            reason = route[4] and self._gateway_drop_reason(
                message, message_dict, route
            )
            if reason:
                self._gateway_drop(message, message_dict, route, reason)
                return ()
        return super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )

    @api.model
    def _gateway_route_follow_up(self, message, message_dict, route):
        """A person's mail about a ticket closed longer ago than its team reopens
        tickets opens a new ticket following it up; agents' mails and robots'
        (out-of-office answers to the closing mail) still go to the closed one."""
        ticket = self.sudo().browse(route[1]).exists()
        if (
            not ticket
            or not ticket.is_closed
            or ticket._can_reopen()
            or incoming_mail_kind(message) == "robot"
        ):
            return route
        author = self.env["res.partner"].sudo().browse(message_dict.get("author_id"))
        if not author.exists():
            author = ticket._partner_find_from_emails_single(
                [message_dict.get("email_from")], no_create=True
            )
        if any(not user.share for user in author.user_ids):
            return route
        custom_values = dict(
            route[2] or {}, origin_ticket_id=ticket.id, team_id=ticket.team_id.id
        )
        return (route[0], False, custom_values, route[3], False)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        origin = self.browse(values.get("origin_ticket_id")).sudo().exists()
        if origin and not self.env.context.get("helpdesk_auto_reply"):
            # a follow-up of a closed ticket: the customer writes in a known
            # conversation, they get no "we received your request"
            return self.with_context(helpdesk_auto_reply=True).message_new(
                msg_dict, custom_values=custom_values
            )
        subject = (msg_dict.get("subject") or "").strip()
        values.setdefault("name", subject or self.env._("(no subject)"))
        if "medium_id" not in values:
            # where the ticket came from, shown with the customer's tickets
            values["medium_id"] = self.env["ir.model.data"]._xmlid_to_res_id(
                "utm.utm_medium_email", raise_if_not_found=False
            )
        values.setdefault("description", msg_dict.get("body") or False)
        email_from = msg_dict.get("email_from") or ""
        author = self.env["res.partner"].browse(msg_dict.get("author_id")).exists()
        if not author and tools.email_normalize(email_from):
            author = self.env["res.partner"]._find_or_create_from_emails([email_from])[
                0
            ]
            msg_dict["author_id"] = author.id
        if author:
            values.setdefault("partner_id", author.id)
        ticket = super().message_new(msg_dict, custom_values=values)
        if ticket.partner_id.email:
            # mail.thread stores the raw "Name <address>" From header
            ticket.partner_email = ticket.partner_id.email
        if not self.env.context.get("helpdesk_robot_mail"):
            ticket._subscribe_cc(msg_dict)
        if origin:
            ticket._log_follow_up(origin)
        return ticket

    def _log_follow_up(self, origin):
        """Link the follow-up ticket and the closed ticket it follows, both ways,
        in their histories."""
        self.ensure_one()
        self._message_log(
            body=Markup(self.env._("Follow-up of the closed ticket %(ticket)s."))
            % {"ticket": origin._get_html_link()},
        )
        origin._message_log(
            body=Markup(
                self.env._(
                    "The customer wrote after the closing: follow-up %(ticket)s."
                )
            )
            % {"ticket": self._get_html_link()},
        )

    def message_update(self, msg_dict, update_vals=None):
        if not self.env.context.get("helpdesk_robot_mail"):
            self._subscribe_cc(msg_dict)
        return super().message_update(msg_dict, update_vals=update_vals)

    def _subscribe_cc(self, msg_dict):
        """People in CC of the customer's mail follow the ticket and get the replies."""
        cc_emails = [
            email
            for email in email_split_and_format(msg_dict.get("cc") or "")
            if tools.email_normalize(email)
        ]
        if not cc_emails:
            return
        partners = self.env["res.partner"].union(
            *self.env["res.partner"]._find_or_create_from_emails(cc_emails)
        )
        for ticket in self:
            ticket.message_subscribe(partner_ids=partners.ids)

    def _notify_get_reply_to(self, default=None, author_id=False):
        """Replies go to the team's alias, so they thread into the ticket."""
        res = super()._notify_get_reply_to(default=default, author_id=author_id)
        for ticket in self.filtered(lambda t: t.team_id.alias_email):
            res[ticket.id] = ticket.team_id.alias_email
        return res

    def _notify_thread_by_email(self, message, recipients_data, **kwargs):
        """Automatic mails (stage templates, acknowledgements) say so (RFC 3834), so
        that auto-responders do not answer them: no mail loop."""
        msg_vals = kwargs.get("msg_vals") or {}
        if msg_vals.get("message_type", message.message_type) == "auto_comment":
            kwargs["mail_headers"] = {
                **AUTO_MAIL_HEADERS,
                **(kwargs.get("mail_headers") or {}),
            }
        return super()._notify_thread_by_email(message, recipients_data, **kwargs)

    @api.model
    def _gateway_is_ticket_mail(self, message):
        """Whether a mail not routed yet goes to tickets: fetched by a helpdesk
        server, sent to a ticket alias or answering a ticket's message."""
        server_id = self.env.context.get("default_fetchmail_server_id")
        if server_id:
            server = self.env["fetchmail.server"].sudo().browse(server_id).exists()
            if server.object_id.model == self._name:
                return True
        recipients, references = incoming_mail_addresses(message)
        local_parts = [email.partition("@")[0] for email in recipients]
        alias_domain = Domain("alias_full_name", "in", recipients) | (
            Domain("alias_name", "in", local_parts)
            & Domain("alias_incoming_local", "=", True)
        )
        if recipients and self.env["mail.alias"].sudo().search_count(
            Domain("alias_model_id.model", "=", self._name) & alias_domain, limit=1
        ):
            return True
        return bool(
            references
            and self.env["mail.message"]
            .sudo()
            .search_count(
                [("message_id", "in", references), ("model", "=", self._name)],
                limit=1,
            )
        )

    @api.model
    def _gateway_route_team(self, route):
        """The team a new-ticket route creates its ticket in."""
        Team = self.env["helpdesk.team"].sudo()
        custom_values = route[2] if isinstance(route[2], dict) else {}
        alias = route[4]
        if custom_values.get("team_id"):
            return Team.browse(custom_values["team_id"]).exists()
        if (
            alias
            and alias.alias_parent_model_id.model == Team._name
            and alias.alias_parent_thread_id
        ):
            return Team.browse(alias.alias_parent_thread_id).exists()
        return self.sudo()._default_team_id()

    @api.model
    def _gateway_route_by_subject(self, message_dict, route):
        """The route of a new mail whose subject names a ticket ("Re: Printer is
        broken [HD00033]", "(#HD00033)") sent by its customer or a follower: an
        update of that ticket (of the ticket it was merged into). Else ``route``."""
        refs = subject_ticket_refs(message_dict.get("subject"))
        sender = tools.email_normalize(message_dict.get("email_from") or "")
        if not refs or not sender:
            return route
        candidates = self.sudo()
        for ticket in (
            self.sudo()
            .with_context(active_test=False)
            .search([("ticket_ref", "in", sorted(refs))])
        ):
            for _depth in range(10):
                if not ticket.merged_into_id:
                    break
                ticket = ticket.merged_into_id
            if ticket.active:
                candidates |= ticket
        tickets = candidates.filtered(
            lambda t: sender
            in {
                t.partner_id.email_normalized,
                tools.email_normalize(t.partner_email or ""),
                *t.message_partner_ids.mapped("email_normalized"),
            }
        )
        if not tickets:
            return route
        company = self._gateway_route_team(route).company_id
        ticket = (
            tickets.filtered(lambda t: t.company_id == company) or tickets
        ).sorted("id")[-1]
        _logger.info(
            "Helpdesk: mail %s from %s threaded into ticket %s named by its subject",
            message_dict.get("message_id"),
            sender,
            ticket.ticket_ref,
        )
        return (route[0], ticket.id, route[2], route[3], route[4])

    @api.model
    def _gateway_is_own_address(self, email):
        """Whether ``email`` is one of this database's addresses: an alias, the
        alias domains' bounce, catchall and notification addresses."""
        email = tools.email_normalize(email or "")
        if not email:
            return False
        if self.env["mail.alias.domain"].sudo()._find_aliases([email]):
            return True
        default_from = (
            self.env["ir.config_parameter"].sudo().get_param("mail.default.from")
        )
        return tools.email_normalize(default_from or "") == email

    @api.model
    def _gateway_drop_reason(self, message, message_dict, route):
        """Why a mail routed to tickets is dropped: ``"own_address"`` (sent by this
        database: a mail loop), ``"robot"`` (a program's mail would open a ticket),
        else ``""``."""
        if self._gateway_is_own_address(message_dict.get("email_from")):
            return "own_address"
        if not route[1] and incoming_mail_kind(message) == "robot":
            return "robot"
        return ""

    @api.model
    def _gateway_drop(self, message, message_dict, route, reason):
        """Drop a mail, never silently: a log line, and a robot's mail goes with
        its original as a note on the team's chatter."""
        values = {**message_dict, **redecoded_message_values(message)}
        if reason == "own_address":
            _logger.warning(
                "Helpdesk: mail %s from %s, an address of this database, dropped "
                "(mail loop)",
                values.get("message_id"),
                values.get("email_from"),
            )
            return
        team = self._gateway_route_team(route)
        _logger.info(
            "Helpdesk: automatic mail %s from %s opened no ticket (logged on team %s)",
            values.get("message_id"),
            values.get("email_from"),
            team.name,
        )
        if not team:
            return
        try:
            attachments = [("original_email.eml", message.as_bytes())]
        except (LookupError, UnicodeError, ValueError):
            attachments = []
        team.message_post(
            body=self.env._(
                "An automatic mail (auto-reply, bulk mail or delivery report) opened "
                "no ticket. From: %(sender)s. Subject: %(subject)s",
                sender=values.get("email_from") or "",
                subject=values.get("subject") or "",
            ),
            attachments=attachments,
            author_id=self.env.ref("base.partner_root").id,
            subtype_xmlid="mail.mt_note",
        )

    def _get_merge_default_target(self):
        """The ticket a merge keeps by default: the oldest open one, else the
        oldest."""
        tickets = self.sorted(lambda t: (t.create_date or fields.Datetime.now(), t.id))
        return tickets.filtered(lambda t: not t.is_closed)[:1] or tickets[:1]

    def _merge_into(self, target, subscribe_other_customers=False):
        """Move messages, attachments and followers of ``self`` to ``target``;
        archive the others.

        A ticket of another customer (another contact, even of the same company:
        the portal may show a ticket only to its customer) is merged with its
        conversation as internal notes, and neither that customer nor anyone but
        internal users of its followers follow the kept ticket, unless
        ``subscribe_other_customers`` is set. The other tickets' descriptions are
        kept in an internal note on ``target``.
        """
        sources = self - target
        if not sources:
            return target
        foreign = sources.filtered(
            lambda t: t.partner_id and t.partner_id != target.partner_id
        )
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [("model", "=", self._name), ("res_id", "in", sources.ids)]
        )
        if foreign and not subscribe_other_customers:
            messages.filtered(
                lambda m: m.res_id in foreign.ids and not m.is_internal
            ).write({"is_internal": True})
        messages.write({"res_id": target.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", sources.ids)]
        ).write({"res_id": target.id})
        foreign_followers = foreign.message_partner_ids
        if not subscribe_other_customers:
            foreign_followers = foreign_followers.filtered(
                lambda p: p.user_ids.filtered(lambda u: not u.share)
            )
        followers = (sources - foreign).message_partner_ids | foreign_followers
        target.message_subscribe(partner_ids=followers.ids)
        target.tag_ids |= sources.tag_ids
        sources.write({"active": False, "merged_into_id": target.id})
        body = Markup("<p>%s</p>") % self.env._(
            "Merged tickets: %(refs)s",
            refs=Markup(", ").join(source._get_html_link() for source in sources),
        )
        for source in sources.filtered("description"):
            body += Markup("<p><b>%s</b></p>%s") % (
                self.env._("Description of %(ticket)s:", ticket=source.display_name),
                source.description,
            )
        target.message_post(body=body, subtype_xmlid="mail.mt_note")
        for source in sources:
            source.message_post(
                body=self.env._(
                    "Merged into %(ticket)s.", ticket=target._get_html_link()
                ),
                subtype_xmlid="mail.mt_note",
            )
        return target
