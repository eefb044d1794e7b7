# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.rating.models.rating_data import RATING_LIMIT_SATISFIED


class HelpdeskAgentPerformance(models.Model):
    """What a support lead judges an agent by, per agent, team and month:
    tickets processed (closed), answers rated positively, resolution and first
    response times (average and median, in working hours). helpdesk_sla adds the
    tickets overdue. One row per agent, team and month: the medians are exact on
    that grain, and averaged when the pivot groups coarser."""

    _name = "helpdesk.agent.performance"
    _description = "Helpdesk Agent Performance"
    _auto = False
    _order = "date desc, user_id"
    _rec_name = "user_id"

    date = fields.Date(string="Month", readonly=True)
    user_id = fields.Many2one("res.users", string="Agent", readonly=True)
    team_id = fields.Many2one("helpdesk.team", string="Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    ticket_count = fields.Integer(string="Tickets Processed", readonly=True)
    rating_count = fields.Integer(string="Ratings", readonly=True)
    rating_positive_count = fields.Integer(
        string="Answers Rated Positively", readonly=True
    )
    close_hours = fields.Float(
        string="Average Resolution (Hours)", aggregator="avg", readonly=True
    )
    close_hours_median = fields.Float(
        string="Median Resolution (Hours)", aggregator="avg", readonly=True
    )
    first_response_hours = fields.Float(
        string="Average First Response (Hours)", aggregator="avg", readonly=True
    )
    first_response_hours_median = fields.Float(
        string="Median First Response (Hours)", aggregator="avg", readonly=True
    )

    @api.model
    def _closed_extra_columns(self):
        """Hook: more columns of the closed tickets' part (aggregates over
        ``ticket``), as ``{name: SQL}``; each becomes a column of the view."""
        return {}

    @property
    def _table_query(self):
        extra = self._closed_extra_columns()
        extra_closed = SQL("").join(
            SQL(", %s AS %s", expression, SQL.identifier(name))
            for name, expression in extra.items()
        )
        extra_select = SQL("").join(
            SQL(
                ", COALESCE(closed.%s, 0) AS %s",
                SQL.identifier(name),
                SQL.identifier(name),
            )
            for name in extra
        )
        return SQL(
            """
            WITH closed AS (
                SELECT ticket.user_id, ticket.team_id, ticket.company_id,
                       date_trunc('month', ticket.date_closed)::date AS month,
                       COUNT(*) AS ticket_count,
                       AVG(ticket.close_hours) AS close_hours,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY ticket.close_hours) AS close_hours_median,
                       AVG(ticket.first_response_hours) FILTER (
                           WHERE ticket.date_first_response IS NOT NULL
                       ) AS first_response_hours,
                       percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY ticket.first_response_hours) FILTER (
                           WHERE ticket.date_first_response IS NOT NULL
                       ) AS first_response_hours_median
                       %(extra_closed)s
                  FROM helpdesk_ticket ticket
                 WHERE ticket.date_closed IS NOT NULL
                   AND ticket.user_id IS NOT NULL
                   AND ticket.active IS TRUE
                 GROUP BY 1, 2, 3, 4
            ), rated AS (
                SELECT agent.id AS user_id, ticket.team_id, ticket.company_id,
                       date_trunc('month', rating.rated_on)::date AS month,
                       COUNT(*) AS rating_count,
                       COUNT(*) FILTER (
                           WHERE rating.rating >= %(satisfied)s
                       ) AS rating_positive_count
                  FROM rating_rating rating
                  JOIN helpdesk_ticket ticket
                    ON ticket.id = rating.res_id
                   AND rating.res_model = 'helpdesk.ticket'
                  JOIN res_users agent ON agent.partner_id = rating.rated_partner_id
                 WHERE rating.consumed IS TRUE AND rating.rating > 0
                   AND rating.rated_on IS NOT NULL
                 GROUP BY 1, 2, 3, 4
            )
            SELECT ROW_NUMBER() OVER (
                ORDER BY performance.date, performance.user_id, performance.team_id
            ) AS id, * FROM (
                SELECT COALESCE(closed.user_id, rated.user_id) AS user_id,
                       COALESCE(closed.team_id, rated.team_id) AS team_id,
                       COALESCE(closed.company_id, rated.company_id) AS company_id,
                       COALESCE(closed.month, rated.month) AS date,
                       COALESCE(closed.ticket_count, 0) AS ticket_count,
                       COALESCE(rated.rating_count, 0) AS rating_count,
                       COALESCE(rated.rating_positive_count, 0)
                           AS rating_positive_count,
                       COALESCE(closed.close_hours, 0) AS close_hours,
                       COALESCE(closed.close_hours_median, 0) AS close_hours_median,
                       COALESCE(closed.first_response_hours, 0)
                           AS first_response_hours,
                       COALESCE(closed.first_response_hours_median, 0)
                           AS first_response_hours_median
                       %(extra_select)s
                  FROM closed
                  FULL OUTER JOIN rated
                    ON rated.user_id = closed.user_id
                   AND rated.team_id IS NOT DISTINCT FROM closed.team_id
                   AND rated.month = closed.month
            ) performance
            """,
            extra_closed=extra_closed,
            extra_select=extra_select,
            satisfied=RATING_LIMIT_SATISFIED,
        )
