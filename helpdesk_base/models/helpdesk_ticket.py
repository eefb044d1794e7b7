# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.fields import Command, Domain
from odoo.tools.mail import email_split_and_format

_logger = logging.getLogger(__name__)

TICKET_PRIORITIES = [
    ("0", "Low Priority"),
    ("1", "Medium Priority"),
    ("2", "High Priority"),
    ("3", "Urgent"),
]


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _description = "Helpdesk Ticket"
    _inherit = [
        "mail.thread.cc",
        "mail.activity.mixin",
        "mail.tracking.duration.mixin",
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
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True
    )
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
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True, index=True)
    fold = fields.Boolean(related="stage_id.fold")
    priority = fields.Selection(
        TICKET_PRIORITIES, default="0", index=True, tracking=True
    )
    tag_ids = fields.Many2many("helpdesk.tag", string="Tags")
    ticket_type_id = fields.Many2one("helpdesk.ticket.type", string="Type", index=True)
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
    date_deadline = fields.Datetime(string="Deadline", tracking=True, copy=False)
    date_assigned = fields.Datetime(readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False, index=True)
    date_last_stage_update = fields.Datetime(
        default=fields.Datetime.now, readonly=True, copy=False, index=True
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

    _open_team_idx = models.Index(
        "(team_id, user_id, priority) WHERE is_closed IS NOT TRUE"
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

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        now = self.env.cr.now()
        self._prepare_partners_from_vals(vals_list)
        self._prepare_team_values(vals_list)
        for vals in vals_list:
            vals.setdefault("date_last_stage_update", now)
            if vals.get("user_id"):
                vals.setdefault("date_assigned", now)
        tickets = super().create(vals_list)
        closed = tickets.filtered("is_closed")
        if closed:
            closed._on_stage_changed(now)
        tickets._subscribe_customers()
        return tickets

    def write(self, vals):
        now = self.env.cr.now()
        if "stage_id" in vals:
            vals = dict(vals, date_last_stage_update=now)
        changed_user = self.env["helpdesk.ticket"]
        if vals.get("user_id"):
            changed_user = self.filtered(lambda t: t.user_id.id != vals["user_id"])
        changed_stage = self.env["helpdesk.ticket"]
        if "stage_id" in vals:
            changed_stage = self.filtered(lambda t: t.stage_id.id != vals["stage_id"])
        res = super().write(vals)
        if changed_user:
            changed_user._on_assigned(now)
        if changed_stage:
            changed_stage._on_stage_changed(now)
        if "team_id" in vals and "user_id" not in vals:
            to_assign = self.filtered(
                lambda t: not t.user_id and t.team_id.assign_method != "manual"
            )
            if to_assign:
                to_assign._auto_assign()
        if vals.get("partner_id"):
            self._subscribe_customers()
        return res

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
            default_team = self._default_team_id()
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

    def _get_customer_deadline(self):
        """Hook: the date the customer is promised an answer by, shown to them (e.g. on
        the portal). The base returns the agent-set deadline; SLA addons return the
        earliest open SLA deadline."""
        self.ensure_one()
        return self.date_deadline

    def _working_hours_since_creation(self, end):
        self.ensure_one()
        start = self.create_date or end
        if end <= start:
            return 0.0
        calendar = (
            self.team_id.resource_calendar_id or self.company_id.resource_calendar_id
        )
        if not calendar:
            return (end - start).total_seconds() / 3600
        return calendar.get_work_duration_data(start, end, compute_leaves=True)["hours"]

    def _on_assigned(self, now):
        """Stamp the assignment; ``now`` is the transaction time, like ``create_date``,
        so tickets assigned while being created cost no calendar computation."""
        self.write({"date_assigned": now})
        for ticket in self.filtered(lambda t: not t.assign_hours):
            hours = ticket._working_hours_since_creation(now)
            if hours:
                ticket.assign_hours = hours

    def _on_stage_changed(self, now):
        reopened = self.filtered(lambda t: not t.is_closed and t.date_closed)
        if reopened:
            reopened.write({"date_closed": False, "close_hours": 0.0})
        closing = self.filtered(lambda t: t.is_closed and not t.date_closed)
        if closing:
            closing.write({"date_closed": now})
        for ticket in closing:
            hours = ticket._working_hours_since_creation(now)
            if hours:
                ticket.close_hours = hours

    def _subscribe_customers(self):
        """Customers follow their tickets; one subscription call per customer."""
        by_partner = defaultdict(lambda: self.env["helpdesk.ticket"])
        for ticket in self.filtered("partner_id"):
            by_partner[ticket.partner_id] |= ticket
        for partner, tickets in by_partner.items():
            tickets.message_subscribe(partner_ids=partner.ids)

    def _message_track_post_template(self, changes):
        """Stage SMS go with the stage mail: once per stage entry seen at commit."""
        res = super()._message_track_post_template(changes)
        if "stage_id" in changes and not self.env.context.get("helpdesk_auto_reply"):
            self._send_stage_sms()
        return res

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

    def _track_template(self, changes):
        res = super()._track_template(changes)
        ticket = self[0]
        if (
            "stage_id" in changes
            and ticket.stage_id.template_id
            and not self.env.context.get("helpdesk_auto_reply")
        ):
            res["stage_id"] = (
                ticket.stage_id.template_id,
                {
                    "auto_delete_keep_log": False,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_note"
                    ),
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def _creation_subtype(self):
        return self.env.ref("helpdesk_base.mt_ticket_new")

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "stage_id" in init_values:
            return self.env.ref("helpdesk_base.mt_ticket_stage")
        return super()._track_subtype(init_values)

    # ------------------------------------------------------------------ mail gateway
    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """Auto-replies never open tickets: that is how mail loops start."""
        if (
            route
            and route[0] == self._name
            and not route[1]
            and self._is_auto_reply_message(message)
        ):
            _logger.info(
                "Helpdesk: auto-reply %s from %s dropped, no ticket created",
                message_dict.get("message_id"),
                message_dict.get("email_from"),
            )
            return ()
        return super()._routing_check_route(
            message, message_dict, route, raise_exception=raise_exception
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        subject = (msg_dict.get("subject") or "").strip()
        values.setdefault("name", subject or self.env._("(no subject)"))
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
        if not self.env.context.get("helpdesk_auto_reply"):
            ticket._subscribe_cc(msg_dict)
        return ticket

    def message_update(self, msg_dict, update_vals=None):
        if not self.env.context.get("helpdesk_auto_reply"):
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

    def _message_get_suggested_recipients(self, *args, **kwargs):
        recipients = super()._message_get_suggested_recipients(*args, **kwargs)
        if self.partner_id and not any(
            rec.get("partner_id") == self.partner_id.id for rec in recipients
        ):
            recipients.insert(
                0,
                {
                    "partner_id": self.partner_id.id,
                    "email": self.partner_id.email,
                    "name": self.partner_id.name,
                    "create_values": {},
                },
            )
        return recipients

    def _notify_get_reply_to(self, default=None, author_id=False):
        """Replies go to the team's alias, so they thread into the ticket."""
        res = super()._notify_get_reply_to(default=default, author_id=author_id)
        for ticket in self.filtered(lambda t: t.team_id.alias_email):
            res[ticket.id] = ticket.team_id.alias_email
        return res

    def _merge_into(self, target):
        """Move messages, attachments and followers of ``self`` to ``target``;
        archive the others."""
        sources = self - target
        if not sources:
            return target
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", sources.ids)]
        ).write({"res_id": target.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", sources.ids)]
        ).write({"res_id": target.id})
        target.message_subscribe(partner_ids=sources.message_partner_ids.ids)
        target.tag_ids |= sources.tag_ids
        sources.write({"active": False, "merged_into_id": target.id})
        target.message_post(
            body=self.env._(
                "Merged tickets: %(refs)s",
                refs=", ".join(sources.mapped("display_name")),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return target
