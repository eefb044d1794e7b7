# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class HelpdeskRateLimit(models.Model):
    """Requests counted per key (a user, an IP address...) and fixed time window,
    in the database: every worker and every server of the database see the same
    counts, and a counter is one atomic upsert."""

    _name = "helpdesk.rate.limit"
    _description = "Helpdesk Rate Limit Counter"
    _log_access = False

    key = fields.Char(required=True)
    window_start = fields.Datetime(required=True, index=True)
    count = fields.Integer()

    _key_window_unique = models.Constraint(
        "UNIQUE(key, window_start)", "One counter per key and window."
    )

    @api.model
    def _hit(self, key, limit, seconds):
        """Count one request of ``key`` in the current window of ``seconds``;
        return whether it stays within ``limit`` (0 or less: no limit)."""
        if limit <= 0 or seconds <= 0:
            return True
        self.env.cr.execute(
            SQL(
                "INSERT INTO helpdesk_rate_limit (key, window_start, count) "
                "VALUES (%(key)s, to_timestamp(floor(extract(epoch FROM now()) "
                "/ %(seconds)s) * %(seconds)s) AT TIME ZONE 'UTC', 1) "
                "ON CONFLICT (key, window_start) DO UPDATE "
                "SET count = helpdesk_rate_limit.count + 1 RETURNING count",
                key=key[:256],
                seconds=int(seconds),
            )
        )
        return self.env.cr.fetchone()[0] <= limit

    @api.autovacuum
    def _gc_rate_limits(self):
        self.env.cr.execute(
            SQL(
                "DELETE FROM helpdesk_rate_limit WHERE window_start < %s",
                fields.Datetime.now() - timedelta(days=1),
            )
        )
