# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast
import logging
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from psycopg2 import errors as pg_errors
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.rating.models.rating_data import RATING_LIMIT_MIN

# first key of the advisory lock taken while assigning a team's new tickets
ASSIGN_LOCK_NAMESPACE = 0x4844_0001
# idle tickets reminded or closed per committed batch
AUTO_CLOSE_BATCH = 100


def percent(part, whole):
    """``part`` of ``whole`` in per cent, 0 when there is nothing to count (the
    team cards' rates)."""
    return 100.0 * part / whole if whole else 0.0


DEFAULT_STAGE_XMLIDS = (
    "helpdesk_base.stage_new",
    "helpdesk_base.stage_in_progress",
    "helpdesk_base.stage_waiting",
    "helpdesk_base.stage_solved",
    "helpdesk_base.stage_cancelled",
)


_logger = logging.getLogger(__name__)


class HelpdeskTeam(models.Model):
    _name = "helpdesk.team"
    _description = "Helpdesk Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    def _default_stages(self, *xmlids):
        """The active stages among the data stages ``xmlids`` (a database may
        have deleted or archived some)."""
        stages = self.env["helpdesk.stage"]
        for xmlid in xmlids:
            stages |= self.env.ref(xmlid, raise_if_not_found=False) or stages
        return stages.filtered("active")

    def _default_stage_ids(self):
        return self._default_stages(*DEFAULT_STAGE_XMLIDS)

    def _default_waiting_stage_ids(self):
        return self._default_stages("helpdesk_base.stage_waiting")

    def _default_customer_reply_stage_id(self):
        return self._default_stages("helpdesk_base.stage_in_progress")

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Html(translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Team Leader", domain=[("share", "=", False)], tracking=True
    )
    member_ids = fields.Many2many(
        "res.users",
        "helpdesk_team_member_rel",
        "team_id",
        "user_id",
        string="Agents",
        domain=[("share", "=", False)],
    )
    stage_ids = fields.Many2many(
        "helpdesk.stage",
        "helpdesk_stage_team_rel",
        "team_id",
        "stage_id",
        string="Stages",
        default=lambda self: self._default_stage_ids(),
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "team_id", string="Tickets")
    assign_method = fields.Selection(
        [
            ("manual", "Manual"),
            ("randomly", "Each agent in turn"),
            ("balanced", "Balanced by open tickets"),
            ("tag", "By tag"),
        ],
        string="Assignment",
        default="manual",
        required=True,
        help="How new tickets without an assignee get one:\n"
        "- Each agent in turn: round robin over the available agents;\n"
        "- Balanced: the available agent with the fewest open tickets;\n"
        "- By tag: the least loaded of the agents set on the ticket's tags, "
        "else balanced over the team.\n"
        "Inactive agents and agents on approved time off are skipped.",
    )
    auto_assignment = fields.Boolean(
        string="Automatic Assignment",
        compute="_compute_auto_assignment",
        inverse="_inverse_auto_assignment",
        search="_search_auto_assignment",
        help="Odoo Enterprise's switch for the assignment: on, new tickets get an "
        "agent (each in turn unless another method is chosen); off, manual.",
    )
    privacy_visibility = fields.Selection(
        [
            ("invited_internal", "Invited internal users"),
            ("internal", "All internal users"),
        ],
        string="Visibility",
        default="internal",
        required=True,
        help="Invited internal users: only the team's agents and the helpdesk "
        "managers see the team's tickets. All internal users: every helpdesk user "
        "does.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        domain="[('company_id', 'in', [company_id, False])]",
        help="Used to measure the time to assign and to close tickets.",
    )
    # ------------------------------------------------------------------ replies
    waiting_stage_ids = fields.Many2many(
        "helpdesk.stage",
        "helpdesk_team_waiting_stage_rel",
        "team_id",
        "stage_id",
        string="Waiting Stages",
        default=lambda self: self._default_waiting_stage_ids(),
        domain="[('id', 'in', stage_ids), ('is_closed', '=', False)]",
        help="Stages where the team waits for the customer: a message of the "
        "customer on a ticket in one of them brings it back to the stage below "
        "(and its SLA clock runs again).",
    )
    customer_reply_stage_id = fields.Many2one(
        "helpdesk.stage",
        string="Customer Reply Moves To",
        default=lambda self: self._default_customer_reply_stage_id(),
        domain="[('id', 'in', stage_ids), ('is_closed', '=', False)]",
        help="The stage a waiting ticket, or a closed ticket the customer reopens, "
        "goes to. Empty: the first open stage of the team.",
    )
    reopen_days = fields.Integer(
        string="Reopen Within (Days)",
        default=7,
        help="A customer who writes about a closed ticket (reply to its e-mails, "
        "message or button on the portal) during this number of days after its "
        "closing reopens it; later, their message opens a new ticket linked to it. "
        "0: a closed ticket is never reopened by the customer.",
    )
    # ------------------------------------------------------------------ closing
    auto_close_ticket = fields.Boolean(
        string="Automatic Closing",
        help="Close the tickets waiting in the chosen stages when the customer has "
        "not written for a number of days.",
    )
    auto_close_day = fields.Integer(
        string="Inactive Period (Days)",
        default=7,
        help="Days without a message of the customer, counted from the ticket's "
        "arrival in the stage or the customer's last message, whichever is later. "
        "Working days when the team has working hours (a day is the hours per day "
        "of its calendar, public holidays excluded), otherwise calendar days.",
    )
    from_stage_ids = fields.Many2many(
        "helpdesk.stage",
        "helpdesk_team_auto_close_stage_rel",
        "team_id",
        "stage_id",
        string="In Stages",
        default=lambda self: self._default_waiting_stage_ids(),
        domain="[('id', 'in', stage_ids), ('is_closed', '=', False)]",
        help="Only tickets in these stages close themselves; none: every open stage.",
    )
    to_stage_id = fields.Many2one(
        "helpdesk.stage",
        string="Move to Stage",
        compute="_compute_to_stage_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', stage_ids), ('is_closed', '=', True)]",
        help="The closing stage: its e-mail template is sent to the customer.",
    )
    auto_close_reminder_day = fields.Integer(
        string="Remind Before (Days)",
        default=2,
        help="Days before the closing when the customer is reminded, once, that "
        "the ticket will close. 0: no reminder.",
    )
    auto_close_reminder_template_id = fields.Many2one(
        "mail.template",
        string="Reminder Template",
        default=lambda self: self.env.ref(
            "helpdesk_base.mail_template_ticket_auto_close_reminder",
            raise_if_not_found=False,
        ),
        domain="[('model', '=', 'helpdesk.ticket')]",
        help="The e-mail reminding the customer that the ticket will close.",
    )
    # ------------------------------------------------------------------ ratings
    use_rating = fields.Boolean(
        string="Customer Ratings",
        default=True,
        help="The e-mail telling the customer the ticket is solved asks them to "
        "rate the support in one click (then an optional comment); customers can "
        "also rate closed tickets on the portal. Ratings feed the team's "
        "satisfaction and the agents' reports.",
    )
    # ------------------------------------------------------------------ duplicates
    use_duplicate_detection = fields.Boolean(
        string="Duplicate Detection",
        default=True,
        help="New tickets (e-mail, portal, form, messenger, integrations) are "
        "compared with the open tickets: the same customer's similar tickets are "
        "proposed as possible duplicates, and many customers writing about the "
        "same subject within minutes is shown as a possible outage.",
    )
    duplicate_threshold = fields.Float(
        string="Similarity Threshold",
        default=0.5,
        digits=(3, 2),
        help="How alike two subjects must be, from 0 (anything) to 1 (identical), "
        "measured on their groups of three letters. Lower finds more duplicates "
        "and more false alarms.",
    )
    duplicate_days = fields.Integer(
        string="Same Customer Within (Days)",
        default=7,
        help="A new ticket is compared with the open tickets the same customer "
        "(or a colleague of the same company) opened during this number of days.",
    )
    outage_window_minutes = fields.Integer(
        string="Outage Window (Minutes)",
        default=60,
        help="Tickets with similar subjects opened within this number of minutes "
        "by enough different customers form a possible outage.",
    )
    outage_min_customers = fields.Integer(
        string="Outage Customers",
        default=3,
        help="The number of different customers (companies) whose similar tickets "
        "within the outage window make a possible outage.",
    )
    outage_ticket_count = fields.Integer(
        string="Possible Outage Tickets", compute="_compute_outage_counts"
    )
    outage_subject = fields.Char(
        string="Possible Outage", compute="_compute_outage_counts"
    )
    open_ticket_count = fields.Integer(compute="_compute_dashboard_counts")
    unassigned_ticket_count = fields.Integer(compute="_compute_dashboard_counts")
    urgent_ticket_count = fields.Integer(compute="_compute_dashboard_counts")
    my_ticket_count = fields.Integer(compute="_compute_dashboard_counts")
    needs_reply_count = fields.Integer(compute="_compute_dashboard_counts")
    avg_first_response_hours = fields.Float(
        string="Average First Response (7 days)",
        compute="_compute_dashboard_counts",
        help="Working hours to the first answer, tickets answered in the last 7 days.",
    )
    avg_close_hours = fields.Float(
        string="Average Resolution (7 days)",
        compute="_compute_dashboard_counts",
        help="Working hours to the closing, tickets closed in the last 7 days.",
    )
    rating_satisfaction = fields.Float(
        string="Customer Satisfaction (30 days)",
        compute="_compute_dashboard_counts",
        help="Share of happy ratings among the ratings of the last 30 days.",
    )
    rating_count = fields.Integer(
        string="Ratings (30 days)", compute="_compute_dashboard_counts"
    )
    my_answered_today_count = fields.Integer(compute="_compute_dashboard_counts")
    my_rating_satisfaction = fields.Float(compute="_compute_dashboard_counts")
    my_rating_count = fields.Integer(compute="_compute_dashboard_counts")
    alias_warning = fields.Char(compute="_compute_alias_warning")

    _reopen_days_positive = models.Constraint(
        "CHECK (reopen_days >= 0)",
        "The number of days to reopen a ticket cannot be negative.",
    )
    _auto_close_day_positive = models.Constraint(
        "CHECK (NOT auto_close_ticket OR auto_close_day > 0)",
        "Automatic closing needs an inactive period of at least one day.",
    )
    _auto_close_reminder_day_positive = models.Constraint(
        "CHECK (auto_close_reminder_day >= 0 AND (NOT auto_close_ticket "
        "OR auto_close_reminder_day < auto_close_day))",
        "The closing reminder is sent a number of days before the closing that "
        "cannot be negative nor reach the inactive period.",
    )

    _duplicate_threshold_range = models.Constraint(
        "CHECK (duplicate_threshold > 0 AND duplicate_threshold <= 1)",
        "The similarity threshold of duplicates is a number above 0 and up to 1.",
    )
    _duplicate_days_positive = models.Constraint(
        "CHECK (duplicate_days > 0)",
        "The days to compare a customer's tickets must be at least one.",
    )
    _outage_window_positive = models.Constraint(
        "CHECK (outage_window_minutes > 0)",
        "The outage window must be at least one minute.",
    )
    _outage_min_customers_range = models.Constraint(
        "CHECK (outage_min_customers >= 2)",
        "An outage takes at least two customers.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("stage_ids")
    def _compute_to_stage_id(self):
        for team in self:
            stages = team.stage_ids._origin
            if not team.to_stage_id or team.to_stage_id._origin not in stages:
                team.to_stage_id = stages.filtered("is_closed").sorted()[:1]

    @api.depends_context("uid")
    def _compute_dashboard_counts(self):
        """Every counter of every team from a constant number of grouped queries
        (open tickets; closings and first answers of the week; ratings of the
        month; the current agent's answers of the day), whatever the number of
        teams and tickets."""
        counts = defaultdict(Counter)
        averages = defaultdict(dict)
        ratings = defaultdict(Counter)
        teams = self.filtered("id")
        if teams:
            counts = self._dashboard_open_counts()
            averages = self._dashboard_averages()
            ratings = self._dashboard_ratings()
            answered = self._dashboard_answered_today()
        for team in self:
            team_counts = counts[team.id]
            team.open_ticket_count = team_counts["open"]
            team.unassigned_ticket_count = team_counts["unassigned"]
            team.urgent_ticket_count = team_counts["urgent"]
            team.my_ticket_count = team_counts["mine"]
            team.needs_reply_count = team_counts["needs_reply"]
            team.avg_first_response_hours = averages[team.id].get("first_response", 0.0)
            team.avg_close_hours = averages[team.id].get("close", 0.0)
            team_ratings = ratings[team.id]
            team.rating_count = team_ratings["all"]
            team.rating_satisfaction = percent(
                team_ratings["happy"], team_ratings["all"]
            )
            team.my_rating_count = team_ratings["mine"]
            team.my_rating_satisfaction = percent(
                team_ratings["my_happy"], team_ratings["mine"]
            )
            team.my_answered_today_count = answered.get(team.id, 0) if teams else 0

    def _dashboard_open_counts(self):
        counts = defaultdict(Counter)
        groups = self.env["helpdesk.ticket"]._read_group(
            Domain("team_id", "in", self.ids) & Domain("is_closed", "=", False),
            ["team_id", "user_id", "priority", "needs_reply"],
            ["__count"],
        )
        for team, user, priority, needs_reply, count in groups:
            team_counts = counts[team.id]
            team_counts["open"] += count
            if not user:
                team_counts["unassigned"] += count
            elif user.id == self.env.uid:
                team_counts["mine"] += count
            if priority == "3":
                team_counts["urgent"] += count
            if needs_reply:
                team_counts["needs_reply"] += count
        return counts

    def _dashboard_averages(self):
        """``{team_id: {"first_response": hours, "close": hours}}``: working hours
        to the first answer and to the closing, over the last 7 days."""
        Ticket = self.env["helpdesk.ticket"]
        since = self.env.cr.now() - timedelta(days=7)
        averages = defaultdict(dict)
        for key, date_field, hours_field in (
            ("first_response", "date_first_response", "first_response_hours"),
            ("close", "date_closed", "close_hours"),
        ):
            for team, hours in Ticket._read_group(
                Domain("team_id", "in", self.ids) & Domain(date_field, ">=", since),
                ["team_id"],
                [f"{hours_field}:avg"],
            ):
                averages[team.id][key] = hours or 0.0
        return averages

    def _dashboard_ratings(self):
        """``{team_id: Counter}`` of the ratings of the last 30 days: all, happy,
        and the current agent's (mine, my_happy)."""
        ratings = defaultdict(Counter)
        since = self.env.cr.now() - timedelta(days=30)
        groups = (
            self.env["rating.rating"]
            .sudo()
            ._read_group(
                Domain("parent_res_model", "=", self._name)
                & Domain("parent_res_id", "in", self.ids)
                & Domain("res_model", "=", "helpdesk.ticket")
                & Domain("consumed", "=", True)
                & Domain("rating", ">=", RATING_LIMIT_MIN)
                & Domain("rated_on", ">=", since),
                ["parent_res_id", "rated_partner_id", "rating_text"],
                ["__count"],
            )
        )
        me = self.env.user.partner_id
        for team_id, operator, text, count in groups:
            team_ratings = ratings[team_id]
            team_ratings["all"] += count
            happy = count if text == "top" else 0
            team_ratings["happy"] += happy
            if operator == me:
                team_ratings["mine"] += count
                team_ratings["my_happy"] += happy
        return ratings

    def _dashboard_answered_today(self):
        """``{team_id: tickets}`` the current agent answered publicly today (in
        their time zone)."""
        tz = timezone(self.env.user.tz or "UTC")
        midnight = (
            tz.localize(datetime.combine(datetime.now(tz).date(), datetime.min.time()))
            .astimezone(utc)
            .replace(tzinfo=None)
        )
        self.env["helpdesk.ticket"].flush_model(["team_id"])
        self.env["mail.message"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT ticket.team_id, COUNT(DISTINCT ticket.id)
                  FROM mail_message msg
                  JOIN helpdesk_ticket ticket ON ticket.id = msg.res_id
                  JOIN mail_message_subtype subtype ON subtype.id = msg.subtype_id
                 WHERE msg.model = 'helpdesk.ticket'
                   AND msg.author_id = %(author)s
                   AND msg.date >= %(since)s
                   AND msg.message_type IN ('comment', 'email')
                   AND msg.is_internal IS NOT TRUE
                   AND subtype.internal IS NOT TRUE
                   AND ticket.team_id IN %(teams)s
                 GROUP BY ticket.team_id
                """,
                author=self.env.user.partner_id.id,
                since=midnight,
                teams=tuple(self.ids),
            )
        )
        return dict(rows)

    @api.depends_context("uid")
    def _compute_outage_counts(self):
        """The open tickets of the team's possible outages the agent may read,
        and the subject of the largest (its first ticket's): one grouped query
        for all the teams."""
        outages = defaultdict(list)
        teams = self.filtered("id")
        if teams:
            for team, lead, count in self.env["helpdesk.ticket"]._read_group(
                Domain("team_id", "in", teams.ids)
                & Domain("is_closed", "=", False)
                & Domain("outage_ticket_id", "!=", False),
                ["team_id", "outage_ticket_id"],
                ["__count"],
            ):
                # the subject of the cluster's first ticket (of this team)
                outages[team.id].append((count, lead.sudo().name))
        for team in self:
            clusters = outages[team.id]
            team.outage_ticket_count = sum(count for count, _subject in clusters)
            team.outage_subject = max(clusters)[1] if clusters else False

    @api.depends("alias_name", "alias_domain_id")
    def _compute_alias_warning(self):
        for team in self:
            if not team.alias_name:
                team.alias_warning = self.env._(
                    "No e-mail alias: customers cannot write to the team."
                )
            elif not team.alias_domain_id:
                team.alias_warning = self.env._(
                    "No alias domain: set one in the settings to receive e-mails."
                )
            else:
                team.alias_warning = False

    @api.depends("assign_method")
    def _compute_auto_assignment(self):
        for team in self:
            team.auto_assignment = team.assign_method != "manual"

    def _inverse_auto_assignment(self):
        for team in self:
            if not team.auto_assignment:
                team.assign_method = "manual"
            elif team.assign_method == "manual":
                team.assign_method = "randomly"

    def _search_auto_assignment(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        wanted = {bool(item) for item in value}
        if operator == "not in":
            wanted = {True, False} - wanted
        if len(wanted) != 1:
            return Domain.TRUE if wanted else Domain.FALSE
        auto = Domain("assign_method", "!=", "manual")
        return auto if True in wanted else ~auto

    # ------------------------------------------------------------------ mail alias
    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("helpdesk.ticket").id
        if self.id:
            defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            values["alias_defaults"] = repr(defaults)
            values["alias_parent_thread_id"] = self.id
        return values

    # ------------------------------------------------------------------ actions
    def _action_tickets(self, name, filters=(), context=None):
        """The team's tickets, filtered by the ``filters`` of the tickets' search
        view: the team and each filter show as facets the agent can remove."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_ticket_action"
        )
        action.update(
            name=name,
            display_name=name,
            domain=[],
            context={
                "default_team_id": self.id,
                "search_default_team_id": self.id,
                **{f"search_default_{name}": 1 for name in ("filter_open", *filters)},
                **(context or {}),
            },
        )
        return action

    def action_view_open_tickets(self):
        return self._action_tickets(self.name)

    def action_view_unassigned_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: unassigned", team=self.name), ["filter_unassigned"]
        )

    def action_view_urgent_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: urgent", team=self.name), ["filter_urgent"]
        )

    def action_view_my_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: my tickets", team=self.name), ["filter_my"]
        )

    def action_view_needs_reply_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: needs reply", team=self.name),
            ["filter_needs_reply"],
        )

    def action_view_outage_tickets(self):
        return self._action_tickets(
            self.env._("%(team)s: possible outage", team=self.name),
            ["filter_outage"],
        )

    # -------------------------------------------------------------- automatic closing
    @api.model
    def _cron_auto_close_tickets(self, batch_size=AUTO_CLOSE_BATCH):
        """Remind the customers of idle tickets, then close them, for every team
        with automatic closing. Only due tickets are read; each batch commits its
        progress; two runs at once never handle a ticket twice (rows are locked,
        and a row the other run changed fails this run's transaction)."""
        now = self.env.cr.now().replace(microsecond=0)
        teams = self.search(
            [("auto_close_ticket", "=", True), ("to_stage_id", "!=", False)]
        )
        cron = self.env["ir.cron"]
        for team in teams:
            for step in ("remind", "close"):
                domain = team._get_auto_close_domain(step, now)
                if domain is None:
                    continue
                while True:
                    tickets = team._auto_close_lock(
                        self.env["helpdesk.ticket"].search(
                            domain, order="id", limit=batch_size
                        )
                    )
                    if not tickets:
                        break
                    if step == "remind":
                        tickets._auto_close_remind(now)
                    else:
                        tickets._auto_close(team.to_stage_id, team.auto_close_day)
                    if not cron._commit_progress(len(tickets)):
                        return

    def _get_auto_close_domain(self, step, now):
        """The tickets of the team due for the ``step`` of automatic closing at
        ``now``: ``"remind"`` (None when the team sends no reminder) or
        ``"close"``. Idle means no stage change and no customer message since the
        cutoff, counted in working days of the team's calendar."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        stages = self.from_stage_ids or self.stage_ids.filtered(
            lambda stage: not stage.is_closed
        )
        remind_days = (
            self.auto_close_reminder_day if self.auto_close_reminder_template_id else 0
        )

        def idle_since(cutoff):
            return Domain("date_last_stage_update", "<", cutoff) & (
                Domain("date_last_customer_message", "=", False)
                | Domain("date_last_customer_message", "<", cutoff)
            )

        domain = (
            Domain("team_id", "=", self.id)
            & Domain("stage_id", "in", stages.ids)
            & Domain("is_closed", "=", False)
        )
        if step == "remind":
            if not remind_days:
                return None
            cutoff = calendar._helpdesk_working_days_ago(
                now, self.auto_close_day - remind_days
            )
            return (
                domain
                & idle_since(cutoff)
                & Domain("auto_close_reminder_date", "=", False)
            )
        domain &= idle_since(
            calendar._helpdesk_working_days_ago(now, self.auto_close_day)
        )
        if remind_days:
            # reminded long enough ago, even when the cron was down for days
            domain &= Domain(
                "auto_close_reminder_date",
                "<=",
                calendar._helpdesk_working_days_ago(now, remind_days),
            )
        return domain

    def _auto_close_lock(self, tickets):
        """The tickets of ``tickets`` this run locked (another run holds the rest)."""
        if not tickets:
            return tickets
        self.env.cr.execute(
            SQL(
                "SELECT id FROM helpdesk_ticket WHERE id = ANY(%s) "
                "ORDER BY id FOR UPDATE SKIP LOCKED",
                tickets.ids,
            )
        )
        return tickets.browse([row[0] for row in self.env.cr.fetchall()])

    # ------------------------------------------------------------------ assignment
    def _get_available_members(self, users=None):
        """Agents who can take tickets now: active, and not on approved time off.

        Time off is read from ``hr_holidays`` when it is installed (soft dependency).
        """
        self.ensure_one()
        members = (users if users is not None else self.member_ids).filtered("active")
        if members and "hr.leave" in self.env:
            now = fields.Datetime.now()
            on_leave = (
                self.env["hr.leave"]
                .sudo()
                ._read_group(
                    [
                        ("user_id", "in", members.ids),
                        ("state", "=", "validate"),
                        ("date_from", "<=", now),
                        ("date_to", ">=", now),
                    ],
                    ["user_id"],
                )
            )
            members -= self.env["res.users"].union(*(user for (user,) in on_leave))
        return members.sorted("id")

    def _lock_for_assignment(self):
        """Serialize assignment per team until the end of the transaction.

        A transaction-level advisory lock: a concurrent creator waits here until the
        previous one commits or rolls back, then counts afresh (see
        ``_assignment_state``). Nothing is updated, so no serialization failure is
        raised and no request has to be replayed.
        """
        self.env.cr.execute(
            SQL("SELECT pg_advisory_xact_lock(%s, %s)", ASSIGN_LOCK_NAMESPACE, self.id)
        )

    def _assignment_sql(self, users):
        """Open tickets per agent and the newest assigned ticket of the team."""
        return SQL(
            """
            SELECT user_id, count(*) FILTER (WHERE is_closed IS NOT TRUE AND active),
                   max(id)
              FROM helpdesk_ticket
             WHERE team_id = %s AND user_id = ANY(%s)
          GROUP BY user_id
            """,
            self.id,
            users.ids,
        )

    def _assignment_state(self, users):
        """Return ``(open ticket count per agent id, agent of the team's newest
        assigned ticket)``, as up to date as the database is.

        The transaction's own snapshot may predate tickets that concurrent creators
        committed while this one waited for the assignment lock: they are read
        through a fresh cursor, and the agents this transaction picked itself (not
        visible to that cursor) are added from ``cr.precommit.data``. Where the fresh
        cursor sees less than the transaction (tests, fixtures created in the same
        transaction), the transaction's own figures win.
        """
        own = self.env.cr.precommit.data.setdefault(
            f"helpdesk.team.assigned.{self.id}", {"counts": Counter(), "last": None}
        )
        self.env.flush_all()
        query = self._assignment_sql(users)
        self.env.cr.execute(query)
        current = self.env.cr.fetchall()
        fresh = self._assignment_fresh_rows(query)
        counts = dict.fromkeys(users.ids, 0)
        fresh_counts = Counter()
        newest = (0, None)
        for user_id, count, max_id in fresh:
            fresh_counts[user_id] = count
            newest = max(newest, (max_id, user_id))
        for user_id, count, max_id in current:
            counts[user_id] = count
            newest = max(newest, (max_id, user_id))
        for user_id in counts:
            counts[user_id] = max(
                counts[user_id], fresh_counts[user_id] + own["counts"][user_id]
            )
        return counts, own["last"] or newest[1]

    def _assignment_fresh_rows(self, query):
        """``query`` through a fresh cursor (what concurrent creators committed).
        Not while modules load: the loading transaction may hold the table's
        exclusive lock (a new column) that the fresh cursor would wait for
        forever; and never waiting long for a lock either."""
        if not self.env.registry.ready:
            return []
        with self.env.registry.cursor() as fresh_cr:
            try:
                fresh_cr.execute("SET LOCAL lock_timeout = '2s'")
                fresh_cr.execute(query)
            except pg_errors.LockNotAvailable:
                _logger.warning(
                    "Assignment of team %s: the tickets are locked, counting "
                    "this transaction's view only.",
                    self.id,
                )
                return []
            return fresh_cr.fetchall()

    def _remember_assignment(self, picked):
        own = self.env.cr.precommit.data[f"helpdesk.team.assigned.{self.id}"]
        own["counts"].update(user_id for user_id in picked if user_id)
        own["last"] = picked[-1]

    def _pick_assignees(self, tag_sets):
        """Return one agent id (or None) per item to assign, in order.

        ``tag_sets`` holds the tags of each new ticket (used by the "by tag" method).
        """
        self.ensure_one()
        members = self._get_available_members()
        if not members or self.assign_method == "manual" or not tag_sets:
            return [None] * len(tag_sets)
        self._lock_for_assignment()
        counts, last = self._assignment_state(members)
        if self.assign_method == "randomly":
            ordered = members.ids
            start = ordered.index(last) + 1 if last in ordered else 0
            picked = [
                ordered[(start + index) % len(ordered)]
                for index in range(len(tag_sets))
            ]
        else:
            picked = []
            for tags in tag_sets:
                candidates = members
                if self.assign_method == "tag":
                    candidates = (tags.user_ids & members) or members
                user_id = min(candidates.ids, key=lambda uid: (counts[uid], uid))
                counts[user_id] += 1
                picked.append(user_id)
        self._remember_assignment(picked)
        return picked
