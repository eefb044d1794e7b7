# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.fields import Domain

DEFAULT_RATE_LIMIT = 5
DEFAULT_RATE_WINDOW_MINUTES = 60


class HelpdeskPortalSubmission(models.Model):
    """One row per ticket submitted from the portal or the public form.

    Counting the recent rows of an IP address or an e-mail address is how the forms
    refuse floods; rows older than a day are vacuumed.
    """

    _name = "helpdesk.portal.submission"
    _description = "Helpdesk Portal Submission"
    _order = "id desc"
    _log_access = False

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    ip_address = fields.Char(string="IP Address", index=True)
    email = fields.Char(index=True)

    @api.model
    def _get_rate_limit(self):
        """Return ``(max submissions, window in minutes)`` from the system parameters
        ``helpdesk_portal.rate_limit_count`` and ``helpdesk_portal.rate_limit_minutes``.
        """
        params = self.env["ir.config_parameter"].sudo()
        count = params.get_param("helpdesk_portal.rate_limit_count", DEFAULT_RATE_LIMIT)
        minutes = params.get_param(
            "helpdesk_portal.rate_limit_minutes", DEFAULT_RATE_WINDOW_MINUTES
        )
        return int(count), int(minutes)

    @api.model
    def _is_rate_limited(self, ip_address, email):
        """Whether this IP address or e-mail address submitted too much lately."""
        limit, minutes = self._get_rate_limit()
        if limit <= 0:
            return False
        email = tools.email_normalize(email or "") or False
        keys = []
        if ip_address:
            keys.append(Domain("ip_address", "=", ip_address))
        if email:
            keys.append(Domain("email", "=", email))
        if not keys:
            return False
        since = fields.Datetime.now() - timedelta(minutes=minutes)
        domain = Domain("date", ">=", since) & Domain.OR(keys)
        return self.sudo().search_count(domain, limit=limit) >= limit

    @api.model
    def _register_submission(self, ip_address, email):
        self.sudo().create(
            {
                "ip_address": ip_address or False,
                "email": tools.email_normalize(email or "") or False,
            }
        )

    @api.autovacuum
    def _gc_old_submissions(self):
        _limit, minutes = self._get_rate_limit()
        keep = max(minutes, 24 * 60)
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(minutes=keep))]
        ).unlink()
