# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain

DEFAULT_RATE_LIMIT = 5
DEFAULT_ANONYMOUS_RATE_LIMIT = 20
DEFAULT_RATE_WINDOW_MINUTES = 60


class HelpdeskPortalSubmission(models.Model):
    """One row per ticket or share sent from the portal or the public form.

    Counting the recent rows of a signed-in user, or for anonymous visitors of an IP
    address and of an e-mail address, is how the forms refuse floods; rows older
    than a day are vacuumed.
    """

    _name = "helpdesk.portal.submission"
    _description = "Helpdesk Portal Submission"
    _order = "id desc"
    _log_access = False

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", string="User", index="btree_not_null", ondelete="cascade"
    )
    ip_address = fields.Char(string="IP Address", index=True)
    email = fields.Char(index=True)

    @api.model
    def _get_rate_limit(self):
        """Return ``(max per signed-in user or anonymous e-mail address, max
        anonymous submissions per IP address, window in minutes)`` from the system
        parameters ``helpdesk_portal.rate_limit_count``,
        ``helpdesk_portal.rate_limit_anonymous_count`` and
        ``helpdesk_portal.rate_limit_minutes``; 0 disables a limit."""
        params = self.env["ir.config_parameter"].sudo()
        count = params.get_param("helpdesk_portal.rate_limit_count", DEFAULT_RATE_LIMIT)
        anonymous_count = params.get_param(
            "helpdesk_portal.rate_limit_anonymous_count", DEFAULT_ANONYMOUS_RATE_LIMIT
        )
        minutes = params.get_param(
            "helpdesk_portal.rate_limit_minutes", DEFAULT_RATE_WINDOW_MINUTES
        )
        return int(count), int(anonymous_count), int(minutes)

    @api.model
    def _is_rate_limited(self, user, ip_address, email=False):
        """Whether this sender submitted too much lately.

        A signed-in user is counted alone: visitors and other customers behind the
        same IP address (an office, a NAT, a proxy) never block them. Anonymous
        submissions are counted per IP address, with a higher threshold, and per
        e-mail address.
        """
        limit, anonymous_limit, minutes = self._get_rate_limit()
        recent = Domain(
            "date", ">=", fields.Datetime.now() - timedelta(minutes=minutes)
        )
        Submission = self.sudo()
        if user and not user._is_public():
            return limit > 0 and (
                Submission.search_count(
                    recent & Domain("user_id", "=", user.id), limit=limit
                )
                >= limit
            )
        anonymous = recent & Domain("user_id", "=", False)
        if (
            anonymous_limit > 0
            and ip_address
            and Submission.search_count(
                anonymous & Domain("ip_address", "=", ip_address),
                limit=anonymous_limit,
            )
            >= anonymous_limit
        ):
            return True
        email = tools.email_normalize(email or "")
        return bool(
            limit > 0
            and email
            and Submission.search_count(
                anonymous & Domain("email", "=", email), limit=limit
            )
            >= limit
        )

    @api.model
    def _register_submission(self, user, ip_address, email=False):
        """Count one submission of this sender; raise ``UserError`` when they
        submitted too much lately (see ``_is_rate_limited``)."""
        if self._is_rate_limited(user, ip_address, email):
            raise UserError(
                self.env._(
                    "You sent many requests in a short time: please try again later."
                )
            )
        signed_in = bool(user) and not user._is_public()
        self.sudo().create(
            {
                "user_id": user.id if signed_in else False,
                "ip_address": ip_address or False,
                "email": tools.email_normalize(email or "") or False,
            }
        )

    @api.autovacuum
    def _gc_old_submissions(self):
        _limit, _anonymous_limit, minutes = self._get_rate_limit()
        keep = max(minutes, 24 * 60)
        self.sudo().search(
            [("date", "<", fields.Datetime.now() - timedelta(minutes=keep))]
        ).unlink()
