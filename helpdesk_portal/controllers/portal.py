# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from operator import itemgetter

from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import http, tools
from odoo.exceptions import AccessError, MissingError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import groupby as groupbyelem
from odoo.tools import plaintext2html

from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

SUBJECT_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 20000
FEEDBACK_MAX_LENGTH = 2000
MAX_FILES = 10
RATING_VALUES = (1, 3, 5)
HONEYPOT_FIELD = "website_url"


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
        values = self._prepare_my_tickets_values(
            page, sortby, filterby, search, search_in, groupby
        )
        return request.render("helpdesk_portal.portal_my_tickets", values)

    # ------------------------------------------------------------------ detail
    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
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
            "can_rate": ticket._portal_can_rate(),
            "rating": rating,
            "rating_values": RATING_VALUES,
            "can_follow_up": ticket.is_closed
            and not request.env.user._is_public()
            and ticket.team_id in self._ticket_portal_teams(),
            "can_share": not request.env.user._is_public()
            and ticket.partner_id == request.env.user.partner_id,
            "preview_object": ticket,
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

    # ------------------------------------------------------------------ actions
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
        ticket_sudo = self._ticket_check_access(ticket_id, access_token)
        rate = _to_int(rate)
        if rate not in RATING_VALUES or not ticket_sudo._portal_can_rate():
            return self._ticket_redirect(
                ticket_sudo, access_token, error="rate_not_allowed"
            )
        token = ticket_sudo._rating_get_access_token(ticket_sudo.partner_id)
        ticket_sudo.rating_apply(
            rate, token=token, feedback=(feedback or "")[:FEEDBACK_MAX_LENGTH]
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
        if ticket_sudo.partner_id != request.env.user.partner_id:
            raise NotFound()
        email = tools.email_normalize(email or "")
        if not email or self._ticket_rate_limited(email):
            return self._ticket_redirect(ticket_sudo, error="follower_not_added")
        partner = (
            request.env["res.partner"].sudo()._find_or_create_from_emails([email])[0]
        )
        ticket_sudo.message_subscribe(partner_ids=partner.ids)
        ticket_sudo.message_post(
            body=request.env._(
                "%(customer)s shared the ticket with %(email)s.",
                customer=request.env.user.partner_id.name,
                email=email,
            ),
            author_id=request.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
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

    def _ticket_validate_form(self, team, form, require_contact=False):
        """Return ``(ticket values, files, errors)`` from a posted form."""
        errors = []
        subject = (form.get("subject") or "").strip()
        description = (form.get("description") or "").strip()
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
            "description": plaintext2html(description) if description else False,
            "team_id": team.id,
        }
        if require_contact:
            email = tools.email_normalize(form.get("email") or "")
            if not email:
                errors.append(request.env._("Please give a valid e-mail address."))
            vals["partner_email"] = email
            vals["partner_name"] = (form.get("contact_name") or "").strip()[:100] or (
                email
            )
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
            request.env["helpdesk.ticket"]._fields["priority"].selection
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
            error = request.env["helpdesk.ticket"]._portal_check_attachment(
                upload.filename, content
            )
            if error:
                errors.append(error)
            else:
                files.append((upload.filename, content))
        return vals, files, errors

    def _ticket_rate_limited(self, email):
        Submission = request.env["helpdesk.portal.submission"]
        ip_address = request.httprequest.remote_addr
        if Submission._is_rate_limited(ip_address, email):
            return True
        Submission._register_submission(ip_address, email)
        return False

    def _ticket_create(self, vals, files, author):
        ticket = request.env["helpdesk.ticket"].sudo().create(vals)
        if files:
            ticket.message_post(
                body=request.env._("Files sent with the request."),
                attachments=files,
                author_id=author.id or ticket.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return ticket

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
                self._ticket_form_values(teams, form, origin=origin),
            )
        team = teams.filtered(lambda t: t.id == _to_int(form.get("team_id")))[:1]
        errors = [] if team else [request.env._("Please choose a team.")]
        vals, files, form_errors = self._ticket_validate_form(team, form)
        errors += form_errors
        partner = request.env.user.partner_id
        if not errors and self._ticket_rate_limited(partner.email):
            errors.append(
                request.env._(
                    "You sent many requests in a short time: please try again later."
                )
            )
        if errors:
            return request.render(
                "helpdesk_portal.portal_ticket_new",
                self._ticket_form_values(teams, form, errors, origin=origin),
            )
        vals["partner_id"] = partner.id
        if origin:
            vals["origin_ticket_id"] = origin.id
        ticket = self._ticket_create(vals, files, partner)
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
        team = self._ticket_public_team(team_id)
        user = request.env.user
        if not user._is_public():
            form.setdefault("email", user.partner_id.email or "")
            form.setdefault("contact_name", user.partner_id.name or "")
        if request.httprequest.method == "GET":
            return request.render(
                "helpdesk_portal.public_ticket_form",
                self._ticket_form_values(team, form, team=team),
            )
        if form.get(HONEYPOT_FIELD):
            # a robot filled the field people do not see: pretend it worked
            return request.render(
                "helpdesk_portal.public_ticket_thanks",
                self._ticket_form_values(team, {}, team=team, ticket=False),
            )
        vals, files, errors = self._ticket_validate_form(
            team, form, require_contact=True
        )
        if not errors and self._ticket_rate_limited(vals["partner_email"]):
            errors.append(
                request.env._(
                    "You sent many requests in a short time: please try again later."
                )
            )
        if errors:
            return request.render(
                "helpdesk_portal.public_ticket_form",
                self._ticket_form_values(team, form, errors, team=team),
            )
        if not user._is_public():
            vals["partner_id"] = user.partner_id.id
        ticket = self._ticket_create(vals, files, request.env["res.partner"])
        template = request.env.ref(
            "helpdesk_portal.mail_template_ticket_portal_ack", raise_if_not_found=False
        )
        if template and ticket.partner_id.email:
            template.sudo().send_mail(
                ticket.id, email_layout_xmlid="mail.mail_notification_light"
            )
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
