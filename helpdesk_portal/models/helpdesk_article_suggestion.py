# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# how long after suggestions were shown a ticket still counts as "not deflected"
SESSION_DAYS = 1
KEEP_DAYS = 400
# new sessions counted per IP address and hour: a script changing its cookie at
# every request does not make up a team's figures
SESSIONS_PER_IP_HOUR = 20


class HelpdeskArticleSuggestion(models.Model):
    """Articles suggested to a visitor of a team's ticket form, one row per
    browser session, team and day: whether they opened an article and whether
    they sent a ticket all the same. Suggested, opened and no ticket is a
    deflected request — the figure the help centre is judged by.

    Rows are written by atomic SQL from the help centre's routes (visitors have
    no right on this model); agents read them in reporting.
    """

    _name = "helpdesk.article.suggestion"
    _description = "Helpdesk Article Suggestion (Deflection)"
    _order = "date desc, id desc"
    _log_access = False
    _rec_name = "date"

    session_key = fields.Char(
        required=True, index=True, help="A hash of the browser session."
    )
    day = fields.Date(required=True, default=fields.Date.context_today)
    date = fields.Datetime(
        string="First Suggested", required=True, default=fields.Datetime.now
    )
    team_id = fields.Many2one(
        "helpdesk.team", string="Team", index=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", string="Company", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", ondelete="set null"
    )
    suggestion_count = fields.Integer(
        string="Times Suggested", help="Answers with articles while they typed."
    )
    opened_article_id = fields.Many2one(
        "helpdesk.article", string="First Article Opened", ondelete="set null"
    )
    opened_count = fields.Integer(string="Articles Opened")
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Ticket Sent",
        index="btree_not_null",
        ondelete="set null",
    )
    # 0/1 figures: summed and averaged by the reports
    opened = fields.Integer(string="Opened an Article", aggregator="sum")
    deflected = fields.Integer(
        aggregator="sum",
        help="Opened an article and sent no ticket from that session.",
    )
    deflection_rate = fields.Float(
        string="Deflection (%)",
        aggregator="avg",
        digits=(16, 1),
        help="Share of the sessions shown suggestions that opened an article and "
        "sent no ticket.",
    )

    _session_team_day_unique = models.UniqueIndex(
        "(session_key, COALESCE(team_id, 0), day)"
    )

    def init(self):
        # the articles suggested to the session: only opening one of them
        # counts (an int[] column, which the ORM has no field for)
        self.env.cr.execute(
            "ALTER TABLE helpdesk_article_suggestion "
            "ADD COLUMN IF NOT EXISTS suggested_ids integer[]"
        )

    @api.model
    def _record_shown(self, session_key, team, articles, partner=None, ip=""):
        """``articles`` were just suggested to this session for ``team``."""
        if not session_key:
            return
        company = team.company_id if team else self.env.company
        self.env.cr.execute(
            SQL(
                "INSERT INTO helpdesk_article_suggestion AS s (session_key, day, "
                "date, team_id, company_id, partner_id, suggestion_count, "
                "opened_count, opened, deflected, deflection_rate, suggested_ids) "
                "VALUES (%(key)s, (now() AT TIME ZONE 'UTC')::date, "
                "now() AT TIME ZONE 'UTC', %(team)s, %(company)s, %(partner)s, "
                "1, 0, 0, 0, 0, %(articles)s) "
                "ON CONFLICT (session_key, COALESCE(team_id, 0), day) DO UPDATE "
                "SET suggestion_count = COALESCE(s.suggestion_count, 0) + 1, "
                "suggested_ids = (SELECT array_agg(DISTINCT article_id) FROM "
                "unnest(s.suggested_ids || EXCLUDED.suggested_ids) AS article_id) "
                "RETURNING id, xmax = 0",
                key=session_key,
                team=team.id if team else None,
                company=company.id or None,
                partner=partner.id if partner else None,
                articles=list(articles.ids),
            )
        )
        row_id, created = self.env.cr.fetchone()
        if created and not self.env["helpdesk.rate.limit"]._hit(
            f"deflection:ip:{ip}", SESSIONS_PER_IP_HOUR, 3600
        ):
            self.env.cr.execute(
                SQL("DELETE FROM helpdesk_article_suggestion WHERE id = %s", row_id)
            )

    @api.model
    def _recent_session(self, session_key):
        return SQL(
            "session_key = %s AND date >= %s",
            session_key,
            fields.Datetime.now() - timedelta(days=SESSION_DAYS),
        )

    @api.model
    def _record_opened(self, session_key, article, user):
        """This session opened ``article``: counted where it was suggested."""
        if not session_key or not user.share:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_article_suggestion SET "
                "opened_article_id = COALESCE(opened_article_id, %(article)s), "
                "opened_count = COALESCE(opened_count, 0) + 1, opened = 1, "
                "deflected = CASE WHEN ticket_id IS NULL THEN 1 ELSE 0 END, "
                "deflection_rate = CASE WHEN ticket_id IS NULL THEN 100 ELSE 0 END "
                "WHERE %(recent)s AND %(article)s = ANY(suggested_ids)",
                article=article.id,
                recent=self._recent_session(session_key),
            )
        )

    @api.model
    def _record_ticket(self, session_key, ticket):
        """This session sent ``ticket``: its suggestions did not deflect it."""
        if not session_key or not ticket:
            return
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_article_suggestion SET ticket_id = %(ticket)s, "
                "deflected = 0, deflection_rate = 0 "
                "WHERE ticket_id IS NULL AND %(recent)s",
                ticket=ticket.id,
                recent=self._recent_session(session_key),
            )
        )

    @api.model
    def _deflection_by_team(self, teams, days=30):
        """``{team: (sessions shown suggestions, deflected)}`` over the last
        ``days`` days: one query."""
        since = fields.Date.context_today(self) - timedelta(days=days)
        groups = self._read_group(
            [("team_id", "in", teams.ids), ("date", ">=", since)],
            ["team_id"],
            ["__count", "deflected:sum"],
        )
        return {team: (count, deflected or 0) for team, count, deflected in groups}

    @api.autovacuum
    def _gc_old_suggestions(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM helpdesk_article_suggestion WHERE date < %s",
                fields.Datetime.now() - timedelta(days=KEEP_DAYS),
            )
        )
