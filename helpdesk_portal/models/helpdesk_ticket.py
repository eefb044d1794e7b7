# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import mimetypes
import re

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.mimetypes import get_extension, guess_mimetype

from odoo.addons.helpdesk_base.models.mail_thread import AUTO_MAIL_HEADERS
from odoo.addons.rating.models.rating_data import (
    RATING_HAPPY_VALUE,
    RATING_NEUTRAL_VALUE,
    RATING_UNHAPPY_VALUE,
)

from .helpdesk_article import SUGGEST_LIMIT
from .helpdesk_team import PORTAL_VISIBILITY

DEFAULT_ATTACHMENT_MAX_MB = 10
# the three faces of the rating addon's e-mail rating
RATING_VALUES = (RATING_UNHAPPY_VALUE, RATING_NEUTRAL_VALUE, RATING_HAPPY_VALUE)
FEEDBACK_MAX_LENGTH = 2000
SUBJECT_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 20000
CONTACT_NAME_MAX_LENGTH = 100
MAX_FILES = 10
# form fields typed on several lines; the others are one-line fields
MULTILINE_FIELDS = ("description", "feedback")
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


def _to_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class PortalFormError(UserError):
    """A form of the portal refused: ``errors`` lists every reason, so that the
    form shows them all at once."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "portal.mixin"]

    # the portal record rule's conditions, each compiled to SQL that an index
    # serves (see the rule in security/helpdesk_portal_security.xml)
    portal_follower_ids = fields.Many2many(
        "res.partner",
        string="Other Followers",
        compute="_compute_portal_follower_ids",
        search="_search_portal_follower_ids",
        groups="base.group_user",
        help="The followers of the ticket other than its customer: with a portal "
        "account, they see the ticket on the portal.",
    )
    portal_visibility = fields.Selection(
        PORTAL_VISIBILITY,
        compute="_compute_portal_visibility",
        search="_search_portal_visibility",
        help="Who sees the ticket on the portal, set by its team.",
    )
    article_suggestion_ids = fields.Many2many(
        "helpdesk.article",
        string="Matching Articles",
        compute="_compute_article_suggestion_ids",
        help="Published knowledge base articles of the team holding words of the "
        "subject and the description.",
    )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"
        return res

    @api.depends("message_partner_ids", "partner_id")
    def _compute_portal_follower_ids(self):
        for ticket in self:
            ticket.portal_follower_ids = ticket.message_partner_ids - ticket.partner_id

    def _search_portal_follower_ids(self, operator, value):
        """Tickets followed by one of the partners ``value`` without being their
        customer.

        The ids come from an array built once per query (``= ANY(ARRAY(...))``), not
        from a subquery the planner checks row by row: with the customer's own
        tickets left out, the array holds only the tickets shared with the partner,
        and ``id = ANY(...)`` joins the other conditions of the portal rule in one
        bitmap index scan instead of a scan of every ticket.
        """
        if operator != "in":
            return NotImplemented
        partner_ids = tuple(value)
        if not all(isinstance(partner_id, int) for partner_id in partner_ids):
            return NotImplemented
        if not partner_ids:
            return Domain.FALSE

        def to_sql(model, alias, query):
            return SQL(
                "%(id)s = ANY(ARRAY("
                "SELECT follower.res_id FROM %(followers)s follower"
                " WHERE follower.res_model = %(model)s"
                " AND follower.partner_id IN %(partners)s"
                " AND NOT EXISTS ("
                "SELECT FROM %(table)s customer"
                " WHERE customer.partner_id IN %(partners)s"
                " AND customer.id = follower.res_id"
                " AND customer.partner_id = follower.partner_id)))",
                id=SQL.identifier(alias, "id"),
                followers=SQL.identifier(model.env["mail.followers"]._table),
                model=model._name,
                partners=partner_ids,
                table=SQL.identifier(model._table),
            )

        return Domain.custom(
            to_sql=to_sql,
            predicate=lambda ticket: not set(partner_ids).isdisjoint(
                ticket.sudo().portal_follower_ids.ids
            ),
        )

    @api.depends("team_id.portal_visibility")
    def _compute_portal_visibility(self):
        for ticket in self:
            ticket.portal_visibility = ticket.team_id.portal_visibility

    def _search_portal_visibility(self, operator, value):
        """Tickets of the teams with one of the visibilities ``value``: a condition
        on the ticket's ``team_id`` (a subquery on the teams), where the path
        ``team_id.portal_visibility`` joins the teams to every ticket."""
        if operator != "in":
            return NotImplemented
        teams = (
            self.env["helpdesk.team"]
            .sudo()
            .with_context(active_test=False)
            ._search([("portal_visibility", "in", [v for v in value if v])])
        )
        domain = Domain("team_id", "in", teams)
        if False in value or None in value:
            domain |= Domain("team_id", "=", False)
        return domain

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
    def _queue_stage_mails(self):
        """A ticket sent from the public form is acknowledged once, by the portal's
        acknowledgement (it carries the signed link): not also by the template of
        its first stage."""
        if self.env.context.get("helpdesk_portal_acknowledge"):
            return
        return super()._queue_stage_mails()

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
    def _portal_clean_form(self, form):
        """The values posted with a form without the control characters the forms
        refuse, to fill the form again."""
        return {
            key: self._portal_clean_text(value, multiline=key in MULTILINE_FIELDS)
            if isinstance(value, str)
            else value
            for key, value in form.items()
        }

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
        vals = dict(vals)
        if "medium_id" not in vals:
            vals["medium_id"] = self.env["ir.model.data"]._xmlid_to_res_id(
                "utm.utm_medium_website", raise_if_not_found=False
            )
        ticket = Ticket.create(vals)
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

    # ------------------------------------------------------------------ portal: rules
    def _get_portal_closing_stages(self):
        """Hook: the stages the customer may close the ticket to from the portal."""
        self.ensure_one()
        return self.team_id.stage_ids.filtered(
            lambda stage: stage.is_closed and stage.is_customer_closable
        ).sorted()

    def _portal_can_close(self):
        """Whether the ticket can be closed from the portal: it is open and its
        team has closing stages for customers."""
        self.ensure_one()
        return not self.is_closed and bool(self._get_portal_closing_stages())

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
            and self.team_id.use_rating
            and not self._portal_get_rating()
        )

    def _portal_can_share(self, user):
        """Whether ``user`` may share the ticket: only its customer, signed in."""
        self.ensure_one()
        return bool(
            not user._is_public()
            and self.partner_id
            and self.partner_id == user.partner_id
        )

    def _portal_can_follow_up(self, user):
        """Whether ``user`` may open a new ticket following up this one: it is
        closed, and they open tickets for its team from the portal."""
        self.ensure_one()
        Team = self.env["helpdesk.team"]
        return bool(
            self.is_closed and self.team_id in Team._portal_submission_teams(user)
        )

    # ------------------------------------------------------------------ portal: acts
    def _portal_close(self, stage, partner):
        """``partner`` (who acts on the portal, see ``_portal_can_rate``) closes the
        ticket to ``stage``; raise ``UserError`` when the ticket is closed already
        or ``stage`` is not one of its closing stages for customers."""
        self.ensure_one()
        closing_stages = self._get_portal_closing_stages()
        if not self._portal_can_close() or stage not in closing_stages:
            raise UserError(
                self.env._("This action is not possible on this ticket any more.")
            )
        ticket = self.sudo()
        ticket.write({"stage_id": stage.id})
        ticket.message_post(
            body=self.env._("Closed by the customer."),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )

    def _portal_reopen(self, partner):
        """``partner`` reopens the closed ticket; raise ``UserError`` when it may not
        be reopened any more (see ``_can_reopen``)."""
        self.ensure_one()
        if not self._can_reopen():
            raise UserError(
                self.env._("This action is not possible on this ticket any more.")
            )
        ticket = self.sudo()
        ticket.write({"stage_id": ticket._get_reopen_stage().id})
        ticket.message_post(
            body=self.env._("Reopened by the customer."),
            author_id=partner.id,
            subtype_xmlid="mail.mt_comment",
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

    def _portal_share(self, user, email, ip_address=False):
        """The customer, signed in as ``user``, shares the ticket with ``email``,
        who then follows it. Raise ``UserError`` for anyone else, a refused
        address, or a customer who shared too much lately (counted with the
        submissions, see ``helpdesk.portal.submission``, from ``ip_address``)."""
        self.ensure_one()
        if not self._portal_can_share(user):
            raise UserError(self.env._("Only the customer shares the ticket."))
        email, error = self._portal_check_email(email, self.env._("E-mail"))
        if error:
            raise UserError(error)
        self._portal_register_submission(email, ip_address, user)
        customer = user.partner_id
        ticket = self.sudo()
        follower = (
            self.env["res.partner"].sudo()._find_or_create_from_emails([email])[0]
        )
        ticket.message_subscribe(partner_ids=follower.ids)
        ticket.message_post(
            body=self.env._(
                "%(customer)s shared the ticket with %(email)s.",
                customer=customer.name,
                email=email,
            ),
            author_id=customer.id,
            subtype_xmlid="mail.mt_note",
        )
        return follower

    def _portal_follow_up_form(self):
        """The new-ticket form's values to follow up this closed ticket."""
        self.ensure_one()
        return {
            "team_id": str(self.team_id.id),
            "description": self.env._(
                "Follow-up of ticket %(ref)s: %(url)s",
                ref=self.ticket_ref,
                url=f"{self.get_base_url()}{self.access_url}",
            ),
        }

    @api.model
    def _portal_register_submission(self, email=False, ip_address=False, user=None):
        """Count a submission of ``user`` (by default the current user); raise
        ``UserError`` when they sent too much lately (see
        ``helpdesk.portal.submission``)."""
        self.env["helpdesk.portal.submission"]._register_submission(
            user or self.env.user, ip_address, email
        )

    @api.model
    def _portal_prepare_ticket_vals(self, team, form, files=(), require_contact=False):
        """Return ``(ticket values, accepted files, errors)`` from a ticket form.

        ``form`` holds the posted texts (``subject``, ``description``,
        ``ticket_type_id``, ``priority`` and, with ``require_contact``, the
        visitor's ``contact_name`` and ``email``), ``files`` the ``(name, content)``
        of the attached files. With ``require_contact``, the values hold the
        visitor's checked ``partner_email`` and ``partner_name``; the caller picks
        the customer from them.
        """
        errors = []
        subject = (form.get("subject") or "").strip()
        description = (form.get("description") or "").strip()
        for value, label, multiline in (
            (subject, self.env._("Subject"), False),
            (description, self.env._("Description"), True),
        ):
            error = self._portal_check_text(value, label, multiline=multiline)
            if error:
                errors.append(error)
        if not subject:
            errors.append(self.env._("Please give your request a subject."))
        elif len(subject) > SUBJECT_MAX_LENGTH:
            errors.append(
                self.env._(
                    "The subject is too long (%(max)s characters at most).",
                    max=SUBJECT_MAX_LENGTH,
                )
            )
        if len(description) > DESCRIPTION_MAX_LENGTH:
            errors.append(
                self.env._(
                    "The description is too long (%(max)s characters at most).",
                    max=DESCRIPTION_MAX_LENGTH,
                )
            )
        vals = {
            "name": subject,
            # plain text: escaped, and no link made clickable
            "description": self._portal_text_to_html(description),
            "team_id": team.id,
        }
        if require_contact:
            name = (form.get("contact_name") or "").strip()
            error = self._portal_check_text(name, self.env._("Your Name"))
            if not error and len(name) > CONTACT_NAME_MAX_LENGTH:
                error = self.env._(
                    "Your name is too long (%(max)s characters at most).",
                    max=CONTACT_NAME_MAX_LENGTH,
                )
            if error:
                errors.append(error)
            email, error = self._portal_check_email(
                form.get("email"), self.env._("Your E-mail")
            )
            if error:
                errors.append(error)
            vals["partner_email"] = email
            vals["partner_name"] = name or email
        ticket_type = (
            self.env["helpdesk.ticket.type"]
            .sudo()
            .browse(_to_int(form.get("ticket_type_id")))
            .exists()
        )
        if ticket_type.active:
            vals["ticket_type_id"] = ticket_type.id
        priority = form.get("priority")
        if team.allow_portal_priority and priority in dict(
            self._fields["priority"].selection
        ):
            vals["priority"] = priority
        if len(files) > MAX_FILES:
            errors.append(self.env._("Attach %(max)s files at most.", max=MAX_FILES))
        accepted = []
        for filename, content in files[:MAX_FILES]:
            error = self._portal_check_attachment(filename, content)
            if error:
                errors.append(error)
            else:
                accepted.append((filename, content))
        return vals, accepted, errors

    @api.model
    def _portal_submit_ticket(self, form, files=(), ip_address=False, origin=None):
        """A signed-in customer's ticket from the portal's form (see
        ``_portal_prepare_ticket_vals``), for one of the teams they open tickets
        for (``form["team_id"]``); ``origin`` is the closed ticket it follows up,
        which the caller checked the user may read. Raise ``PortalFormError`` with
        every reason of a refused form, ``UserError`` when the customer sent too
        much lately."""
        teams = self.env["helpdesk.team"]._portal_submission_teams()
        team = teams.filtered(lambda t: t.id == _to_int(form.get("team_id")))[:1]
        errors = [] if team else [self.env._("Please choose a team.")]
        vals, files, form_errors = self._portal_prepare_ticket_vals(team, form, files)
        errors += form_errors
        if errors:
            raise PortalFormError(errors)
        partner = self.env.user.partner_id
        self._portal_register_submission(partner.email, ip_address)
        vals["partner_id"] = partner.id
        if origin:
            vals["origin_ticket_id"] = origin.id
        return self._portal_create_ticket(vals, files, author=partner)

    @api.model
    def _portal_submit_public_ticket(self, team, form, files=(), ip_address=False):
        """A ticket from ``team``'s public form (see
        ``_portal_prepare_ticket_vals``). A signed-in customer's ticket is theirs,
        with their own e-mail address; a visitor's address is not verified, so
        their ticket never goes to an account (see
        ``_portal_partner_for_anonymous``). The customer gets one
        acknowledgement. Raise ``PortalFormError`` with every reason of a refused
        form, ``UserError`` when the team has no public form or the sender sent too
        much lately."""
        if not team._portal_has_public_form():
            raise UserError(
                self.env._("This team does not take requests from a public form.")
            )
        user = self.env.user
        signed_in = not user._is_public()
        vals, files, errors = self._portal_prepare_ticket_vals(
            team, form, files, require_contact=not signed_in
        )
        if errors:
            raise PortalFormError(errors)
        if signed_in:
            self._portal_register_submission(user.partner_id.email, ip_address)
            vals["partner_id"] = user.partner_id.id
        else:
            email = vals.pop("partner_email")
            name = vals.pop("partner_name")
            self._portal_register_submission(email, ip_address)
            vals["partner_id"] = self._portal_partner_for_anonymous(email, name).id
        return self._portal_create_ticket(vals, files, acknowledge=True)

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

    # ------------------------------------------------------------ knowledge base
    def _article_search_text(self):
        """The words an article matching the ticket would hold: the subject's
        first, then the description's."""
        self.ensure_one()
        description = tools.html2plaintext(self.description or "")
        return f"{self.name or ''} {description[:500]}"

    @api.depends("name", "description", "team_id")
    def _compute_article_suggestion_ids(self):
        # one full-text search per ticket: it is shown on one ticket's form
        Article = self.env["helpdesk.article"]
        for ticket in self:
            # the words are the customer's: searched in their language, then in
            # the agent's (a customer does not always write in their own)
            text = ticket._article_search_text()
            found = Article
            for lang in dict.fromkeys((ticket._article_reply_lang(), self.env.lang)):
                found |= Article.with_context(lang=lang)._help_suggest(
                    text, team=ticket.team_id, limit=SUGGEST_LIMIT - len(found)
                )
                if len(found) >= SUGGEST_LIMIT:
                    break
            ticket.article_suggestion_ids = found

    def _article_reply_lang(self):
        """The customer's language when it is installed, else the agent's."""
        self.ensure_one()
        lang = self.partner_id.lang
        if lang and self.env["res.lang"]._get_data(code=lang).active:
            return lang
        return self.env.lang or "en_US"

    def get_article_reply_text(self, article_id, mode="link"):
        """What the agent inserts in their reply about the article
        ``article_id``, in the customer's language: its title and link
        (``mode="link"``, for an article the customer may read), or its title and
        text (``mode="text"``)."""
        self.ensure_one()
        self.check_access("read")
        article = self.env["helpdesk.article"].browse(int(article_id)).exists()
        if not article:
            raise UserError(self.env._("This article does not exist any more."))
        article.check_access("read")
        if mode not in ("link", "text"):
            raise UserError(self.env._("Insert an article as its link or its text."))
        article = article.with_context(lang=self._article_reply_lang())
        if mode == "text":
            text = tools.html2plaintext(article.body or "").strip()
            return f"{article.name}\n\n{text}\n" if text else f"{article.name}\n"
        if not article._is_customer_readable(self.partner_id):
            raise UserError(
                self.env._(
                    "The customer cannot open “%(article)s”: it is not published "
                    "for customers. Insert its text instead.",
                    article=article.name,
                )
            )
        return f"{article.name}: {article._help_url(article.env.lang)}\n"

    def action_create_article_from_message(self, message_id):
        """Draft a knowledge base article from the message ``message_id`` of
        this ticket (an answer worth keeping): the ticket's subject as title,
        the message as text, the ticket's team and tags; a manager publishes it.
        Return the draft's form."""
        self.ensure_one()
        self.check_access("read")
        message = self.env["mail.message"].browse(int(message_id)).exists()
        if (
            not message
            or message.model != self._name
            or message.res_id != self.id
            or message.message_type not in ("comment", "email")
            or not message.body
        ):
            raise UserError(
                self.env._("Choose a message of this ticket with some text.")
            )
        message.check_access("read")
        article = self.env["helpdesk.article"].create(
            {
                "name": self.name,
                "body": message.body,
                "team_ids": [fields.Command.set(self.team_id.ids)],
                "tag_ids": [fields.Command.set(self.tag_ids.ids)],
                "visibility": "internal",
            }
        )
        article.message_post(
            body=Markup(self.env._("Drafted from the ticket %s."))
            % self._get_html_link(),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.article",
            "res_id": article.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
