# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import mimetypes
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.mimetypes import get_extension, guess_mimetype

DEFAULT_ATTACHMENT_MAX_MB = 10
# executables, scripts and documents a browser runs or renders as active content
BLOCKED_EXTENSIONS = frozenset(
    {
        ".apk",
        ".app",
        ".bat",
        ".cmd",
        ".com",
        ".cpl",
        ".dll",
        ".dmg",
        ".exe",
        ".hta",
        ".htm",
        ".html",
        ".jar",
        ".js",
        ".lnk",
        ".mjs",
        ".msi",
        ".php",
        ".pif",
        ".ps1",
        ".scr",
        ".sh",
        ".shtml",
        ".svg",
        ".svgz",
        ".vbe",
        ".vbs",
        ".wsf",
        ".xht",
        ".xhtml",
    }
)
# signatures of executables, and markers of HTML/SVG/script content
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe")
ACTIVE_CONTENT_MARKERS = (
    b"<!doctype html",
    b"<html",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<object",
    b"<embed",
    b"javascript:",
)
# formats a browser previews: their content must be what their name says
SNIFFED_MIMETYPES = frozenset(
    {"application/pdf", "image/gif", "image/jpeg", "image/png", "image/webp"}
)


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "portal.mixin", "rating.mixin"]

    origin_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Follow-up of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The closed ticket the customer opened this one from.",
    )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"
        return res

    # ------------------------------------------------------------------ actions
    def action_portal_invite(self):
        """Open the standard portal access wizard for the ticket's customer."""
        self.ensure_one()
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "portal.partner_wizard_action"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_id": self.partner_id.id,
            "active_ids": self.partner_id.ids,
        }
        return action

    # ------------------------------------------------------------------ portal
    def _get_portal_closing_stages(self):
        """Hook: the stages the customer may close the ticket to from the portal."""
        self.ensure_one()
        return self.team_id.stage_ids.filtered(
            lambda stage: stage.is_closed and stage.is_customer_closable
        ).sorted()

    def _get_portal_reopen_stage(self):
        """Hook: the stage a ticket reopened by the customer goes back to."""
        self.ensure_one()
        return self.team_id.stage_ids.filtered(
            lambda stage: not stage.is_closed
        ).sorted()[:1]

    def _get_portal_reopen_deadline(self):
        """The last moment the customer can reopen the closed ticket, or False."""
        self.ensure_one()
        days = self.team_id.portal_reopen_days
        if not self.is_closed or not self.date_closed or days <= 0:
            return False
        return self.date_closed + timedelta(days=days)

    def _portal_can_close(self):
        self.ensure_one()
        return not self.is_closed and bool(self._get_portal_closing_stages())

    def _portal_can_reopen(self):
        self.ensure_one()
        deadline = self._get_portal_reopen_deadline()
        return bool(
            deadline
            and fields.Datetime.now() <= deadline
            and self._get_portal_reopen_stage()
        )

    def _portal_get_rating(self):
        """The rating the customer gave, if any."""
        self.ensure_one()
        return self.sudo().rating_ids.filtered(
            lambda rating: rating.consumed
            and rating.partner_id == self.partner_id
            and not rating.is_internal
        )[:1]

    def _portal_can_rate(self):
        self.ensure_one()
        return bool(
            self.is_closed
            and self.partner_id
            and self.team_id.use_portal_rating
            and not self._portal_get_rating()
        )

    def _portal_customer_deadline(self):
        """Hook exposed to templates: the date promised to the customer."""
        self.ensure_one()
        return self._get_customer_deadline()

    @api.model
    def _portal_attachment_max_size(self):
        """Largest file in bytes a customer may attach, from the system parameter
        ``helpdesk_portal.attachment_max_size_mb``."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "helpdesk_portal.attachment_max_size_mb", DEFAULT_ATTACHMENT_MAX_MB
            )
        )
        return int(float(value) * 1024 * 1024)

    @api.model
    def _portal_check_attachment(self, filename, content):
        """Return why a customer's file is refused, or ``False`` when it is accepted.

        Refused: files over the size limit; executables, scripts and web pages by
        name (``.exe``, ``.html``, ``.svg``...) or by content whatever their name;
        images and PDF whose content is not what their name says.
        """
        max_size = self._portal_attachment_max_size()
        if max_size and len(content) > max_size:
            return self.env._(
                "The file %(name)s is too large: %(size)s MB, the limit is "
                "%(limit)s MB.",
                name=filename,
                size=round(len(content) / 1024 / 1024, 1),
                limit=round(max_size / 1024 / 1024, 1),
            )
        extension = get_extension(filename or "").lower()
        head = content[:2048]
        lowered = head.lstrip().lower()
        if (
            extension in BLOCKED_EXTENSIONS
            or head.startswith(EXECUTABLE_SIGNATURES)
            or any(marker in lowered for marker in ACTIVE_CONTENT_MARKERS)
        ):
            return self.env._(
                "The file %(name)s is not accepted: executables, scripts and web "
                "pages cannot be attached.",
                name=filename,
            )
        expected = mimetypes.guess_type(f"file{extension}")[0] if extension else None
        if expected in SNIFFED_MIMETYPES and guess_mimetype(content) != expected:
            return self.env._(
                "The file %(name)s is not accepted: its content does not match its "
                "extension.",
                name=filename,
            )
        return False
