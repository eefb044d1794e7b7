# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import mimetypes
import re
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools.mimetypes import get_extension, guess_mimetype

from odoo.addons.helpdesk_base.models.mail_thread import AUTO_MAIL_HEADERS

DEFAULT_ATTACHMENT_MAX_MB = 10
RATING_VALUES = (1, 3, 5)
FEEDBACK_MAX_LENGTH = 2000
# RFC 5321: 64 characters before the @, 255 after it, 254 for the whole path
EMAIL_LOCAL_MAX_LENGTH = 64
EMAIL_DOMAIN_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
# control characters (C0 but tab and line breaks, DEL, C1): PostgreSQL refuses NUL,
# the others hide text and break mail headers; one-line fields refuse all of them
MULTILINE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile(r"\r\n|\r|\n")
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

    # ------------------------------------------------------------------ CRUD
    def write(self, vals):
        """A new customer gets a new signed link: the former customer's one (and the
        chatter hash signed with it) stops opening the ticket."""
        changed_customer = self.env["helpdesk.ticket"]
        if "partner_id" in vals:
            partner_id = vals["partner_id"]
            if isinstance(partner_id, models.BaseModel):
                partner_id = partner_id.id
            changed_customer = self.filtered(
                lambda t: t.partner_id.id != (partner_id or False)
            )
        res = super().write(vals)
        if changed_customer:
            changed_customer._portal_rotate_access_token()
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

    # ------------------------------------------------------------------ mail
    def _track_template(self, changes):
        """A ticket sent from the public form is acknowledged once, by the portal's
        acknowledgement (it carries the signed link): not also by the template of
        its first stage."""
        res = super()._track_template(changes)
        if self.env.context.get("helpdesk_portal_acknowledge"):
            res.pop("stage_id", None)
        return res

    # ------------------------------------------------------------------ portal
    def _portal_rotate_access_token(self):
        """Forget the signed links sent so far; the next link made gets a new token
        (``portal.mixin._portal_ensure_token``)."""
        self.sudo().write({"access_token": False})

    @api.model
    def _portal_check_text(self, value, label, multiline=False):
        """Return why a text typed by a customer is refused, or ``False``.

        Control characters are refused: PostgreSQL cannot store NUL, and the others
        hide text or break mail headers. Tabs and line breaks are accepted in
        multi-line texts (``multiline``) only.
        """
        pattern = MULTILINE_CONTROL_CHARACTERS if multiline else CONTROL_CHARACTERS
        if value and pattern.search(value):
            return self.env._(
                'The field "%(field)s" contained control characters (invisible '
                "characters such as NUL); they were removed: check the text and "
                "send it again.",
                field=label,
            )
        return False

    @api.model
    def _portal_clean_text(self, value, multiline=False):
        """``value`` without the control characters ``_portal_check_text`` refuses,
        to fill the form again."""
        pattern = MULTILINE_CONTROL_CHARACTERS if multiline else CONTROL_CHARACTERS
        return pattern.sub("", value or "")

    @api.model
    def _portal_check_email(self, value, label):
        """Return ``(normalized address, error)`` for an address typed by a customer.

        Refused: control characters, what is not one e-mail address, and addresses
        over the lengths of RFC 5321 (64 characters before the ``@``, 255 after it,
        254 in all).
        """
        value = (value or "").strip()
        error = self._portal_check_text(value, label)
        if error:
            return False, error
        email = len(value) <= EMAIL_MAX_LENGTH and tools.email_normalize(value)
        local_part, _at, domain = (email or "").rpartition("@")
        if (
            max(len(value), len(email or "")) > EMAIL_MAX_LENGTH
            or len(local_part) > EMAIL_LOCAL_MAX_LENGTH
            or len(domain) > EMAIL_DOMAIN_MAX_LENGTH
        ):
            return False, self.env._(
                "The e-mail address is too long: at most %(local)s characters "
                "before the @, %(domain)s after it and %(total)s in all.",
                local=EMAIL_LOCAL_MAX_LENGTH,
                domain=EMAIL_DOMAIN_MAX_LENGTH,
                total=EMAIL_MAX_LENGTH,
            )
        if not email:
            return False, self.env._("Please give a valid e-mail address.")
        return email, False

    @api.model
    def _portal_text_to_html(self, text):
        """A customer's plain text as HTML: escaped, line breaks kept, and no link
        made clickable (``tools.plaintext2html`` would turn URLs into links)."""
        if not text:
            return False
        paragraphs = re.split(r"(?:\r\n|\r|\n){2,}", text)
        return Markup("").join(
            Markup("<p>%s</p>") % Markup("<br/>").join(LINE_BREAKS.split(paragraph))
            for paragraph in paragraphs
        )

    @api.model
    def _portal_partner_for_anonymous(self, email, name=False):
        """The customer of a ticket sent from the public form without a session.

        Nobody proved owning the address: the ticket must not reach the portal, the
        tickets or the mailbox of an account. An existing contact with the address
        is reused only when neither it nor any contact of its company has a user
        (active or archived, internal or portal) and it is no company's own
        partner; otherwise the ticket gets a new contact.
        """
        email = tools.email_normalize(email or "")
        Partner = self.env["res.partner"].sudo()
        if not email:
            raise UserError(self.env._("Please give a valid e-mail address."))
        candidates = Partner.search([("email_normalized", "=", email)], order="id")
        if candidates:
            entities = candidates.commercial_partner_id
            with_users = (
                self.env["res.users"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id.commercial_partner_id", "in", entities.ids)])
                .partner_id.commercial_partner_id
            )
            companies = (
                self.env["res.company"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id", "in", candidates.ids)])
                .partner_id
            )
            candidates = candidates.filtered(
                lambda p: p.commercial_partner_id not in with_users
                and p not in companies
            )
        if candidates:
            return candidates[0]
        return Partner.create({"name": name or email, "email": email})

    @api.model
    def _portal_acknowledgement_template(self):
        return self.env.ref(
            "helpdesk_portal.mail_template_ticket_portal_ack", raise_if_not_found=False
        )

    def _portal_send_acknowledgement(self):
        """Queue the acknowledgement of an online submission, with the signed link."""
        template = self._portal_acknowledgement_template()
        if not template:
            return
        for ticket in self.filtered(lambda t: t.partner_id.email):
            template.sudo().send_mail(
                ticket.id,
                email_layout_xmlid="mail.mail_notification_light",
                # an automatic mail says so (RFC 3834): auto-responders stay quiet
                email_values={"headers": repr(AUTO_MAIL_HEADERS)},
            )

    @api.model
    def _portal_create_ticket(self, vals, files=(), author=None, acknowledge=False):
        """Create a ticket sent from the portal or the public form, with the
        customer's files; with ``acknowledge``, the customer gets one e-mail: the
        portal's acknowledgement, instead of the template of the first stage."""
        Ticket = self.sudo()
        acknowledge = acknowledge and bool(self._portal_acknowledgement_template())
        if acknowledge:
            Ticket = Ticket.with_context(helpdesk_portal_acknowledge=True)
        ticket = Ticket.create(dict(vals))
        if files:
            ticket.message_post(
                body=self.env._("Files sent with the request."),
                attachments=list(files),
                author_id=(author or ticket.partner_id).id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        if acknowledge:
            ticket._portal_send_acknowledgement()
        return ticket

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

    def _portal_can_rate(self, partner):
        """Whether ``partner`` may rate the ticket: only its customer, once it is
        closed. ``partner`` is who acts on the portal: the signed-in user's
        partner, or the customer for a visitor holding the customer's signed link;
        invited followers do not rate (the rating is stored under the customer)."""
        self.ensure_one()
        return bool(
            self.is_closed
            and self.partner_id
            and partner == self.partner_id
            and self.team_id.use_portal_rating
            and not self._portal_get_rating()
        )

    def _portal_rate(self, partner, rate, feedback=""):
        """Store the rating ``partner`` gives from the portal; raise ``UserError``
        when they may not rate or the feedback is refused."""
        self.ensure_one()
        if rate not in RATING_VALUES or not self._portal_can_rate(partner):
            raise UserError(
                self.env._("Only the customer rates a closed ticket, once.")
            )
        feedback = (feedback or "").strip()
        error = self._portal_check_text(
            feedback, self.env._("Feedback"), multiline=True
        )
        if not error and len(feedback) > FEEDBACK_MAX_LENGTH:
            error = self.env._(
                "The feedback is too long (%(max)s characters at most).",
                max=FEEDBACK_MAX_LENGTH,
            )
        if error:
            raise UserError(error)
        ticket = self.sudo()
        token = ticket._rating_get_access_token(ticket.partner_id)
        return ticket.rating_apply(rate, token=token, feedback=feedback)

    def _portal_share(self, partner, email):
        """The customer ``partner`` shares the ticket with ``email``, who then
        follows it; raise ``UserError`` for anyone else or a refused address."""
        self.ensure_one()
        if not self.partner_id or partner != self.partner_id:
            raise UserError(self.env._("Only the customer shares the ticket."))
        email, error = self._portal_check_email(email, self.env._("E-mail"))
        if error:
            raise UserError(error)
        ticket = self.sudo()
        follower = (
            self.env["res.partner"].sudo()._find_or_create_from_emails([email])[0]
        )
        ticket.message_subscribe(partner_ids=follower.ids)
        ticket.message_post(
            body=self.env._(
                "%(customer)s shared the ticket with %(email)s.",
                customer=partner.name,
                email=email,
            ),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )
        return follower

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
