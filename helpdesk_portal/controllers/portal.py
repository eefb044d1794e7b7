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

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.helpdesk_ticket import RATING_VALUES, _to_int


class HelpdeskCustomerPortal(CustomerPortal):
    """The customer's tickets: list, page and what they do on a ticket. Routes
    parse the request, call the ticket's ``_portal_*`` methods and render or
    redirect; the new-ticket and public forms are in ``ticket_form.py``."""

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
                "can_create": bool(
                    request.env["helpdesk.team"]._portal_submission_teams()
                ),
            }
        )
        return values

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
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
        rating = ticket._portal_get_rating() if ticket.team_id.use_rating else None
        values = {
            "page_name": "helpdesk_ticket",
            "ticket": ticket,
            "user": request.env.user,
            "priority_labels": dict(
                ticket._fields["priority"]._description_selection(request.env)
            ),
            "customer_deadline": ticket._portal_customer_deadline(),
            "closing_stages": ticket._get_portal_closing_stages()
            if ticket._portal_can_close()
            else ticket.env["helpdesk.stage"],
            "can_reopen": ticket._can_reopen(),
            "reopen_deadline": ticket._get_reopen_deadline(),
            "can_rate": ticket._portal_can_rate(self._ticket_portal_author(ticket)),
            "rating": rating,
            "rating_values": RATING_VALUES,
            "can_follow_up": ticket._portal_can_follow_up(request.env.user),
            "can_share": ticket._portal_can_share(request.env.user),
            "preview_object": ticket,
            "error_message": error_message,
            "form": form or {},
        }
        # no session history for core's pager: it writes a token on the previous
        # and next tickets (``_portal_ensure_token``), a write on a read-only GET
        values = self._get_page_view_values(
            ticket, access_token, values, None, False, **kwargs
        )
        values.update(
            self._ticket_records_pager(
                request.session.get("my_tickets_history", []), ticket
            )
        )
        return values

    def _ticket_records_pager(self, history, ticket):
        """Links to the previous and next tickets of the customer's last list,
        without access token: the customer's session opens them."""
        if ticket.id not in history:
            return {}
        index = history.index(ticket.id)
        return {
            "prev_record": index > 0 and f"/my/tickets/{history[index - 1]}",
            "next_record": index < len(history) - 1
            and f"/my/tickets/{history[index + 1]}",
        }

    @http.route(
        "/my/tickets/<int:ticket_id>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
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
            form=request.env["helpdesk.ticket"]._portal_clean_form(form or {}),
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
        stage = request.env["helpdesk.stage"].browse(_to_int(stage_id))
        try:
            ticket_sudo._portal_close(stage, self._ticket_portal_author(ticket_sudo))
        except UserError:
            return self._ticket_redirect(
                ticket_sudo, access_token, error="close_not_allowed"
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
        try:
            ticket_sudo._portal_reopen(self._ticket_portal_author(ticket_sudo))
        except UserError:
            return self._ticket_redirect(
                ticket_sudo, access_token, error="reopen_not_allowed"
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
        [
            "/my/tickets/<int:ticket_id>/close",
            "/my/tickets/<int:ticket_id>/reopen",
            "/my/tickets/<int:ticket_id>/rate",
            "/my/tickets/<int:ticket_id>/followers",
        ],
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        readonly=True,
    )
    def portal_ticket_action_get(self, ticket_id, access_token=None, **kw):
        """The address of an action shown again (reloaded, bookmarked after an
        error) leads back to the ticket's page, which checks the access."""
        query = f"?{url_encode({'access_token': access_token})}" if access_token else ""
        return request.redirect(f"/my/tickets/{ticket_id}{query}")

    @http.route(
        "/my/tickets/<int:ticket_id>/followers",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_ticket_add_follower(self, ticket_id, email=None, **kw):
        """The customer shares the ticket with someone, who then follows it; the
        others do not see the form, and get a 404."""
        ticket_sudo = self._ticket_check_access(ticket_id, None)
        user = request.env.user
        if not ticket_sudo._portal_can_share(user):
            raise NotFound()
        try:
            ticket_sudo._portal_share(user, email, request.httprequest.remote_addr)
        except UserError as error:
            return self._ticket_render(
                ticket_sudo, None, error.args[0], {"share_email": email}
            )
        return self._ticket_redirect(ticket_sudo, success="follower_added")
