# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.helpdesk_ticket import MAX_FILES, PortalFormError, _to_int
from .help_centre import help_session_key

HONEYPOT_FIELD = "website_url"


# the reference of the last public request of a browser, for its thank-you page
THANKS_SESSION_KEY = "helpdesk_public_ticket_ref"


def _readonly_on_get(controller, rule, args):
    """``readonly`` of the routes that show a form on GET and act on POST."""
    return request.httprequest.method in ("GET", "HEAD")


class HelpdeskTicketForm(CustomerPortal):
    """The forms that open tickets: the signed-in customer's, and the public form
    of a team. Routes parse the form, call ``helpdesk.ticket._portal_submit_*``
    and render the form again with the reasons of a refusal."""

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

    def _ticket_posted_files(self):
        """``(name, content)`` of the files posted with the form: one more than
        accepted at most, so that the ticket refuses too many files without this
        reading them all."""
        uploads = [
            upload
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        return [(upload.filename, upload.read()) for upload in uploads[: MAX_FILES + 1]]

    @staticmethod
    def _ticket_form_errors(error):
        """The reasons of a refused form, one per line of the form's errors."""
        if isinstance(error, PortalFormError):
            return error.errors
        return [error.args[0]]

    @http.route(
        "/my/tickets/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        readonly=_readonly_on_get,
    )
    def portal_ticket_new(self, **form):
        teams = request.env["helpdesk.team"]._portal_submission_teams()
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
        if request.httprequest.method == "POST":
            try:
                ticket = request.env["helpdesk.ticket"]._portal_submit_ticket(
                    form,
                    self._ticket_posted_files(),
                    ip_address=request.httprequest.remote_addr,
                    origin=origin,
                )
            except UserError as error:
                errors = self._ticket_form_errors(error)
            else:
                request.env["helpdesk.article.suggestion"].sudo()._record_ticket(
                    help_session_key(), ticket
                )
                return request.redirect(ticket.access_url)
        else:
            errors = []
            if origin:
                form = {**origin._portal_follow_up_form(), **form}
        return request.render(
            "helpdesk_portal.portal_ticket_new",
            self._ticket_form_values(
                teams,
                request.env["helpdesk.ticket"]._portal_clean_form(form),
                errors,
                origin=origin,
            ),
        )

    @http.route(
        "/helpdesk/<int:team_id>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=False,
        readonly=_readonly_on_get,
    )
    def helpdesk_public_form(self, team_id, **form):
        """Anyone opens a ticket for a team with a public form (see
        ``helpdesk.ticket._portal_submit_public_ticket``)."""
        team = request.env["helpdesk.team"].sudo().browse(team_id).exists()
        if not team._portal_has_public_form():
            raise NotFound()
        signed_in = not request.env.user._is_public()
        errors = []
        if request.httprequest.method == "POST":
            if form.get(HONEYPOT_FIELD):
                # a robot filled the field people do not see: pretend it worked
                request.session.pop(THANKS_SESSION_KEY, None)
                return request.redirect(f"/helpdesk/{team.id}/thanks")
            try:
                ticket = request.env["helpdesk.ticket"]._portal_submit_public_ticket(
                    team,
                    form,
                    self._ticket_posted_files(),
                    ip_address=request.httprequest.remote_addr,
                )
            except UserError as error:
                errors = self._ticket_form_errors(error)
            else:
                request.env["helpdesk.article.suggestion"].sudo()._record_ticket(
                    help_session_key(), ticket
                )
                # post/redirect/get: reloading the thank-you page sends nothing again
                request.session[THANKS_SESSION_KEY] = ticket.ticket_ref
                return request.redirect(f"/helpdesk/{team.id}/thanks")
        return request.render(
            "helpdesk_portal.public_ticket_form",
            self._ticket_form_values(
                team,
                request.env["helpdesk.ticket"]._portal_clean_form(form),
                errors,
                team=team,
                signed_in=signed_in,
            ),
        )

    @http.route(
        "/helpdesk/<int:team_id>/thanks",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
        readonly=True,
    )
    def helpdesk_public_form_thanks(self, team_id, **kw):
        """The page a public form submission redirects to: the reference of the
        request this browser sent last (kept in its session)."""
        team = request.env["helpdesk.team"].sudo().browse(team_id).exists()
        if not team._portal_has_public_form():
            raise NotFound()
        return request.render(
            "helpdesk_portal.public_ticket_thanks",
            self._ticket_form_values(
                team,
                {},
                team=team,
                ticket_ref=request.session.get(THANKS_SESSION_KEY) or "",
            ),
        )
