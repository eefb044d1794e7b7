# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from operator import itemgetter

from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import groupby as groupbyelem

from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.helpdesk_ticket import RATING_VALUES

SUBJECT_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 20000
CONTACT_NAME_MAX_LENGTH = 100
MAX_FILES = 10
HONEYPOT_FIELD = "website_url"
# form fields typed on several lines; the others are one-line fields
MULTILINE_FIELDS = ("description", "feedback")


def _to_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class HelpdeskCustomerPortal(CustomerPortal):
    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "helpdesk_ticket_count" in counters:
            Ticket = request.env["helpdesk.ticket"]
            values["helpdesk_ticket_count"] = (
                Ticket.search_count([("is_closed", "=", False)])
                if Ticket.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ searchbar
    def _ticket_get_searchbar_sortings(self):
        return {
            "newest": {
                "label": request.env._("Newest"),
                "order": "id desc",
                "sequence": 10,
            },
            "update": {
                "label": request.env._("Last Update"),
                "order": "write_date desc, id desc",
                "sequence": 20,
            },
            "priority": {
                "label": request.env._("Priority"),
                "order": "priority desc, id desc",
                "sequence": 30,
            },
            "stage": {
                "label": request.env._("Stage"),
                "order": "stage_id, id desc",
                "sequence": 40,
            },
        }

    def _ticket_read_counts(self, domain):
        """``(team, is_closed, count)`` of the customer's tickets: one grouped query
        gives the team filters and the pager's total."""
        return (
            request.env["helpdesk.ticket"]
            .sudo()
            ._read_group(domain, ["team_id", "is_closed"], ["__count"])
        )

    def _ticket_get_searchbar_filters(self, counts):
        """Open, closed, all, then one filter per team the customer has tickets in;
        ``count`` is the number of tickets each filter shows."""
        filters = {
            "open": {
                "label": request.env._("Open"),
                "domain": [("is_closed", "=", False)],
                "count": sum(count for _team, closed, count in counts if not closed),
                "sequence": 10,
            },
            "closed": {
                "label": request.env._("Closed"),
                "domain": [("is_closed", "=", True)],
                "count": sum(count for _team, closed, count in counts if closed),
                "sequence": 20,
            },
            "all": {
                "label": request.env._("All"),
                "domain": [],
                "count": sum(count for _team, _closed, count in counts),
                "sequence": 30,
            },
        }
        for team, _closed, count in counts:
            if not team:
                continue
            key = f"team_{team.id}"
            if key in filters:
                filters[key]["count"] += count
                continue
            filters[key] = {
                "label": team.name,
                "domain": [("team_id", "=", team.id)],
                "count": count,
                "sequence": 100 + len(filters),
            }
        return filters

    def _ticket_get_searchbar_groupby(self):
        return {
            "none": {"label": request.env._("None"), "sequence": 10},
            "stage_id": {"label": request.env._("Stage"), "sequence": 20},
            "team_id": {"label": request.env._("Team"), "sequence": 30},
        }

    def _ticket_get_searchbar_inputs(self):
        return {
            "all": {
                "input": "all",
                "label": request.env._("Search in All"),
                "sequence": 10,
            },
            "ref": {
                "input": "ref",
                "label": request.env._("Search in Reference"),
                "sequence": 20,
            },
            "name": {
                "input": "name",
                "label": request.env._("Search in Subject"),
                "sequence": 30,
            },
            "message": {
                "input": "message",
                "label": request.env._("Search in Messages"),
                "sequence": 40,
            },
        }

    def _ticket_get_search_domain(self, search_in, search):
        """Search in the reference, the subject and the messages the customer sees
        (internal notes are never searched: a match would reveal them)."""
        public_messages = Domain(
            "message_ids", "any", self._ticket_message_domain(search)
        )
        domains = {
            "ref": Domain("ticket_ref", "ilike", search),
            "name": Domain("name", "ilike", search),
            "message": public_messages,
        }
        if search_in in domains:
            return domains[search_in]
        return Domain.OR(domains.values())

    def _ticket_message_domain(self, search):
        return (
            Domain("body", "ilike", search)
            & Domain("message_type", "in", ("comment", "email", "email_outgoing"))
            & Domain("is_internal", "=", False)
            & (
                Domain("subtype_id", "=", False)
                | Domain("subtype_id.internal", "=", False)
            )
        )

    @staticmethod
    def _sorted_options(options):
        return dict(sorted(options.items(), key=lambda item: item[1]["sequence"]))

    # ------------------------------------------------------------------ list
    def _prepare_my_tickets_values(
        self, page, sortby, filterby, search, search_in, groupby, url="/my/tickets"
    ):
        values = self._prepare_portal_layout_values()
        Ticket = request.env["helpdesk.ticket"]
        # the customer's record rules, applied to a sudo search so that the message
        # search does not need read access on mail.message
        domain = Domain(request.env["ir.rule"]._compute_domain(Ticket._name, "read"))
        Ticket_sudo = Ticket.sudo()

        searchbar_sortings = self._sorted_options(self._ticket_get_searchbar_sortings())
        searchbar_filters = self._sorted_options(
            self._ticket_get_searchbar_filters(self._ticket_read_counts(domain))
        )
        searchbar_groupby = self._sorted_options(self._ticket_get_searchbar_groupby())
        searchbar_inputs = self._sorted_options(self._ticket_get_searchbar_inputs())
        sortby = sortby if sortby in searchbar_sortings else "newest"
        filterby = filterby if filterby in searchbar_filters else "open"
        groupby = groupby if groupby in searchbar_groupby else "none"
        search_in = search_in if search_in in searchbar_inputs else "all"

        domain &= Domain(searchbar_filters[filterby]["domain"])
        if search:
            domain &= self._ticket_get_search_domain(search_in, search)
        order = searchbar_sortings[sortby]["order"]
        if groupby != "none":
            order = f"{groupby}, {order}"

        total = None if search else searchbar_filters[filterby].get("count")
        if total is None:
            total = Ticket_sudo.search_count(domain)
        pager = portal_pager(
            url=url,
            url_args={
                "sortby": sortby,
                "filterby": filterby,
                "groupby": groupby,
                "search_in": search_in,
                "search": search,
            },
            total=total,
            page=page,
            step=self._items_per_page,
        )
        tickets = Ticket_sudo.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        if groupby == "none":
            grouped_tickets = [tickets] if tickets else []
        else:
            grouped_tickets = [
                Ticket_sudo.concat(*group)
                for _key, group in groupbyelem(tickets, itemgetter(groupby))
            ]
        values.update(
            {
                "page_name": "helpdesk_ticket",
                "default_url": url,
                "grouped_tickets": grouped_tickets,
                "pager": pager,
                "searchbar_sortings": searchbar_sortings,
                "searchbar_filters": searchbar_filters,
                "searchbar_groupby": searchbar_groupby,
                "searchbar_inputs": searchbar_inputs,
                "sortby": sortby,
                "filterby": filterby,
                "groupby": groupby,
                "search_in": search_in,
                "search": search,
                "can_create": bool(self._ticket_portal_teams()),
            }
        )
        return values

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_tickets(
        self,
        page=1,
        sortby=None,
        filterby=None,
        search=None,
        search_in="all",
        groupby=None,
        **kw,
    ):
        if not request.env["helpdesk.ticket"].has_access("read"):
            return request.redirect("/my")
        # a control character (NUL) in a search would reach PostgreSQL
        search = request.env["helpdesk.ticket"]._portal_clean_text(search).strip()
        values = self._prepare_my_tickets_values(
            page, sortby, filterby, search, search_in, groupby
        )
        return request.render("helpdesk_portal.portal_my_tickets", values)

    # ------------------------------------------------------------------ detail
    def _ticket_get_page_view_values(
        self, ticket, access_token, error_message=None, form=None, **kwargs
    ):
        rating = (
            ticket._portal_get_rating() if ticket.team_id.use_portal_rating else None
        )
        values = {
            "page_name": "helpdesk_ticket",
            "ticket": ticket,
            "user": request.env.user,
            "priority_labels": dict(
                ticket._fields["priority"]._description_selection(request.env)
            ),
            "customer_deadline": ticket._portal_customer_deadline(),
            "closing_stages": ticket._get_portal_closing_stages()
            if not ticket.is_closed
            else ticket.env["helpdesk.stage"],
            "can_reopen": ticket._portal_can_reopen(),
            "reopen_deadline": ticket._get_portal_reopen_deadline(),
            "can_rate": ticket._portal_can_rate(self._ticket_portal_author(ticket)),
            "rating": rating,
            "rating_values": RATING_VALUES,
            "can_follow_up": ticket.is_closed
            and not request.env.user._is_public()
            and ticket.team_id in self._ticket_portal_teams(),
            "can_share": not request.env.user._is_public()
            and ticket.partner_id == request.env.user.partner_id,
            "preview_object": ticket,
            "error_message": error_message,
            "form": form or {},
        }
        return self._get_page_view_values(
            ticket, access_token, values, "my_tickets_history", False, **kwargs
        )

    @http.route("/my/tickets/<int:ticket_id>", type="http", auth="public", website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._ticket_get_page_view_values(ticket_sudo, access_token, **kw)
        return request.render("helpdesk_portal.portal_my_ticket", values)

    def _document_check_access(self, model_name, document_id, access_token=None):
        """A ticket token that is no ASCII text is no token (core compares tokens
        with ``hmac.compare_digest``, which fails with a 500 on non-ASCII text)."""
        if (
            model_name == "helpdesk.ticket"
            and access_token
            and not (isinstance(access_token, str) and access_token.isascii())
        ):
            access_token = None
        return super()._document_check_access(model_name, document_id, access_token)

    # ------------------------------------------------------------------ actions
    def _ticket_render(self, ticket_sudo, access_token, error_message, form=None):
        """The ticket page again, with the error of a refused form and what the
        customer typed (without control characters)."""
        values = self._ticket_get_page_view_values(
            ticket_sudo,
            access_token,
            error_message=error_message,
            form=self._ticket_clean_form(form or {}),
        )
        return request.render("helpdesk_portal.portal_my_ticket", values)

    def _ticket_redirect(self, ticket, access_token=None, **params):
        if access_token:
            params["access_token"] = access_token
        query = f"?{url_encode(params)}" if params else ""
        return request.redirect(f"/my/tickets/{ticket.id}{query}")

    def _ticket_portal_author(self, ticket_sudo):
        """Who acts: the signed-in user, or the customer holding the link."""
        if request.env.user._is_public():
            return ticket_sudo.partner_id
        return request.env.user.partner_id

    def _ticket_check_access(self, ticket_id, access_token):
        """The ticket of a POST, sudo, after the same check as its page."""
        try:
            return self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error

    @http.route(
        "/my/tickets/<int:ticket_id>/close",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_close(self, ticket_id, stage_id=None, access_token=None, **kw):
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        stage = ticket_sudo._get_portal_closing_stages().filtered(
            lambda s: s.id == _to_int(stage_id)
        )
        if ticket_sudo.is_closed or not stage:
            return self._ticket_redirect(
                ticket_sudo, access_token, error="close_not_allowed"
            )
        ticket_sudo.write({"stage_id": stage.id})
        ticket_sudo.message_post(
            body=request.env._("Closed by the customer."),
            author_id=self._ticket_portal_author(ticket_sudo).id,
            subtype_xmlid="mail.mt_note",
        )
        return self._ticket_redirect(ticket_sudo, access_token, success="closed")

    @http.route(
        "/my/tickets/<int:ticket_id>/reopen",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_reopen(self, ticket_id, access_token=None, **kw):
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        if not ticket_sudo._portal_can_reopen():
            return self._ticket_redirect(
                ticket_sudo, access_token, error="reopen_not_allowed"
            )
        ticket_sudo.write({"stage_id": ticket_sudo._get_portal_reopen_stage().id})
        ticket_sudo.message_post(
            body=request.env._("Reopened by the customer."),
            author_id=self._ticket_portal_author(ticket_sudo).id,
            subtype_xmlid="mail.mt_comment",
        )
        return self._ticket_redirect(ticket_sudo, access_token, success="reopened")

    @http.route(
        "/my/tickets/<int:ticket_id>/rate",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_rate(
        self, ticket_id, rate=None, feedback=None, access_token=None, **kw
    ):
        """Only the customer rates: signed in, or holding the customer's link."""
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        try:
            ticket_sudo._portal_rate(
                self._ticket_portal_author(ticket_sudo), _to_int(rate), feedback
            )
        except UserError as error:
            return self._ticket_render(
                ticket_sudo, access_token, error.args[0], {"feedback": feedback}
            )
        return self._ticket_redirect(ticket_sudo, access_token, success="rated")

    @http.route(
        "/my/tickets/<int:ticket_id>/followers",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_add_follower(self, ticket_id, email=None, **kw):
        """The customer shares the ticket with someone, who then follows it."""
        ticket_sudo = self._ticket_check_access(ticket_id, None)
        customer = request.env.user.partner_id
        if ticket_sudo.partner_id != customer:
            raise NotFound()
        try:
            address, error = ticket_sudo._portal_check_email(
                email, request.env._("E-mail")
            )
            if error:
                raise UserError(error)
            self._ticket_register_submission(address)
            ticket_sudo._portal_share(customer, address)
        except UserError as error:
            return self._ticket_render(
                ticket_sudo, None, error.args[0], {"share_email": email}
            )
        return self._ticket_redirect(ticket_sudo, success="follower_added")

    # ------------------------------------------------------------------ new ticket
    def _ticket_portal_teams(self):
        """Teams a signed-in customer may open tickets for."""
        if request.env.user._is_public():
            return request.env["helpdesk.team"]
        return (
            request.env["helpdesk.team"]
            .sudo()
            .search(
                [
                    ("use_portal_submission", "=", True),
                    ("company_id", "in", request.env.user.company_ids.ids),
                ]
            )
        )

    def _ticket_form_values(self, teams, form, errors=None, **extra):
        ticket_types = request.env["helpdesk.ticket.type"].sudo().search([])
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "helpdesk_ticket_new",
            "teams": teams,
            "ticket_types": ticket_types,
            "priority_labels": dict(
                request.env["helpdesk.ticket"]
                ._fields["priority"]
                ._description_selection(request.env)
            ),
            "form": form,
            "errors": errors or [],
            "honeypot_field": HONEYPOT_FIELD,
            "max_size_mb": round(
                request.env["helpdesk.ticket"]._portal_attachment_max_size()
                / 1024
                / 1024,
                1,
            ),
            **extra,
        }

    def _ticket_clean_form(self, form):
        """The posted values without the control characters the forms refuse, to
        fill the form again."""
        Ticket = request.env["helpdesk.ticket"]
        return {
            key: Ticket._portal_clean_text(value, multiline=key in MULTILINE_FIELDS)
            if isinstance(value, str)
            else value
            for key, value in form.items()
        }

    def _ticket_validate_form(self, team, form, require_contact=False):
        """Return ``(ticket values, files, errors)`` from a posted form.

        With ``require_contact`` (the public form without a session), the values
        hold the visitor's ``partner_email`` and ``partner_name``, checked; the
        caller picks the customer from them.
        """
        Ticket = request.env["helpdesk.ticket"]
        errors = []
        subject = (form.get("subject") or "").strip()
        description = (form.get("description") or "").strip()
        for value, label, multiline in (
            (subject, request.env._("Subject"), False),
            (description, request.env._("Description"), True),
        ):
            error = Ticket._portal_check_text(value, label, multiline=multiline)
            if error:
                errors.append(error)
        if not subject:
            errors.append(request.env._("Please give your request a subject."))
        elif len(subject) > SUBJECT_MAX_LENGTH:
            errors.append(
                request.env._(
                    "The subject is too long (%(max)s characters at most).",
                    max=SUBJECT_MAX_LENGTH,
                )
            )
        if len(description) > DESCRIPTION_MAX_LENGTH:
            errors.append(
                request.env._(
                    "The description is too long (%(max)s characters at most).",
                    max=DESCRIPTION_MAX_LENGTH,
                )
            )
        vals = {
            "name": subject,
            # plain text: escaped, and no link made clickable
            "description": Ticket._portal_text_to_html(description),
            "team_id": team.id,
        }
        if require_contact:
            name = (form.get("contact_name") or "").strip()
            error = Ticket._portal_check_text(name, request.env._("Your Name"))
            if not error and len(name) > CONTACT_NAME_MAX_LENGTH:
                error = request.env._(
                    "Your name is too long (%(max)s characters at most).",
                    max=CONTACT_NAME_MAX_LENGTH,
                )
            if error:
                errors.append(error)
            email, error = Ticket._portal_check_email(
                form.get("email"), request.env._("Your E-mail")
            )
            if error:
                errors.append(error)
            vals["partner_email"] = email
            vals["partner_name"] = name or email
        ticket_type = (
            request.env["helpdesk.ticket.type"]
            .sudo()
            .browse(_to_int(form.get("ticket_type_id")))
            .exists()
        )
        if ticket_type.active:
            vals["ticket_type_id"] = ticket_type.id
        priority = form.get("priority")
        if team.allow_portal_priority and priority in dict(
            Ticket._fields["priority"].selection
        ):
            vals["priority"] = priority
        files = []
        uploads = [
            upload
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        if len(uploads) > MAX_FILES:
            errors.append(request.env._("Attach %(max)s files at most.", max=MAX_FILES))
        for upload in uploads[:MAX_FILES]:
            content = upload.read()
            error = Ticket._portal_check_attachment(upload.filename, content)
            if error:
                errors.append(error)
            else:
                files.append((upload.filename, content))
        return vals, files, errors

    def _ticket_register_submission(self, email=False):
        """Count a submission; raise ``UserError`` when its sender sent too much:
        signed-in users are counted per user, visitors per IP and e-mail address."""
        request.env["helpdesk.portal.submission"]._register_submission(
            request.env.user, request.httprequest.remote_addr, email
        )

    @http.route(
        "/my/tickets/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_ticket_new(self, **form):
        teams = self._ticket_portal_teams()
        if not teams:
            return request.redirect("/my/tickets")
        origin = request.env["helpdesk.ticket"]
        if _to_int(form.get("origin_id")):
            try:
                origin = self._document_check_access(
                    "helpdesk.ticket", _to_int(form["origin_id"])
                )
            except (AccessError, MissingError):
                origin = request.env["helpdesk.ticket"]
        if request.httprequest.method == "GET":
            if origin:
                form.setdefault("team_id", str(origin.team_id.id))
                form.setdefault(
                    "description",
                    request.env._(
                        "Follow-up of ticket %(ref)s: %(url)s",
                        ref=origin.ticket_ref,
                        url=f"{origin.get_base_url()}{origin.access_url}",
                    ),
                )
            return request.render(
                "helpdesk_portal.portal_ticket_new",
                self._ticket_form_values(
                    teams, self._ticket_clean_form(form), origin=origin
                ),
            )
        team = teams.filtered(lambda t: t.id == _to_int(form.get("team_id")))[:1]
        errors = [] if team else [request.env._("Please choose a team.")]
        vals, files, form_errors = self._ticket_validate_form(team, form)
        errors += form_errors
        partner = request.env.user.partner_id
        if not errors:
            try:
                self._ticket_register_submission(partner.email)
            except UserError as error:
                errors.append(error.args[0])
        if errors:
            return request.render(
                "helpdesk_portal.portal_ticket_new",
                self._ticket_form_values(
                    teams, self._ticket_clean_form(form), errors, origin=origin
                ),
            )
        vals["partner_id"] = partner.id
        if origin:
            vals["origin_ticket_id"] = origin.id
        ticket = request.env["helpdesk.ticket"]._portal_create_ticket(
            vals, files, author=partner
        )
        return request.redirect(ticket.access_url)

    # ------------------------------------------------------------------ public form
    def _ticket_public_team(self, team_id):
        team = request.env["helpdesk.team"].sudo().browse(team_id).exists()
        if not team or not team.active or not team.use_public_form:
            raise NotFound()
        return team

    @http.route(
        "/helpdesk/<int:team_id>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
    )
    def helpdesk_public_form(self, team_id, **form):
        """Anyone opens a ticket. A signed-in customer's ticket is theirs, with
        their own e-mail address; a visitor's address is not verified, so their
        ticket never goes to an account (see ``_portal_partner_for_anonymous``)."""
        team = self._ticket_public_team(team_id)
        user = request.env.user
        signed_in = not user._is_public()
        if request.httprequest.method == "GET":
            return request.render(
                "helpdesk_portal.public_ticket_form",
                self._ticket_form_values(
                    team, self._ticket_clean_form(form), team=team, signed_in=signed_in
                ),
            )
        if form.get(HONEYPOT_FIELD):
            # a robot filled the field people do not see: pretend it worked
            return request.render(
                "helpdesk_portal.public_ticket_thanks",
                self._ticket_form_values(team, {}, team=team, ticket=False),
            )
        Ticket = request.env["helpdesk.ticket"]
        vals, files, errors = self._ticket_validate_form(
            team, form, require_contact=not signed_in
        )
        email = user.partner_id.email if signed_in else vals.get("partner_email")
        if not errors:
            try:
                self._ticket_register_submission(email)
            except UserError as error:
                errors.append(error.args[0])
        if errors:
            return request.render(
                "helpdesk_portal.public_ticket_form",
                self._ticket_form_values(
                    team,
                    self._ticket_clean_form(form),
                    errors,
                    team=team,
                    signed_in=signed_in,
                ),
            )
        if signed_in:
            vals["partner_id"] = user.partner_id.id
        else:
            vals["partner_id"] = Ticket._portal_partner_for_anonymous(
                vals.pop("partner_email"), vals.pop("partner_name")
            ).id
        ticket = Ticket._portal_create_ticket(vals, files, acknowledge=True)
        return request.render(
            "helpdesk_portal.public_ticket_thanks",
            self._ticket_form_values(team, {}, team=team, ticket=ticket),
        )


class HelpdeskAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(
        self, ufile, thread_id, thread_model, is_pending=False, **kwargs
    ):
        """Customers' files on tickets pass the same checks as in the ticket form."""
        if thread_model == "helpdesk.ticket" and request.env.user.share:
            content = ufile.read()
            ufile.seek(0)
            error = request.env["helpdesk.ticket"]._portal_check_attachment(
                ufile.filename, content
            )
            if error:
                return request.make_json_response({"error": error})
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )
