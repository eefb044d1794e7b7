# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

from odoo.addons.helpdesk_portal.controllers.portal import HelpdeskCustomerPortal


class HelpdeskTimesheetPortal(HelpdeskCustomerPortal):
    """The time spent on a ticket on its page; the customer's prepaid balance on
    the portal home and the ticket list."""

    def _helpdesk_prepaid_values(self):
        return {
            "helpdesk_prepaid_lines": request.env[
                "sale.order.line"
            ]._helpdesk_portal_balance(request.env.user.partner_id)
        }

    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(self._helpdesk_prepaid_values())
        return response

    def _prepare_my_tickets_values(self, *args, **kwargs):
        values = super()._prepare_my_tickets_values(*args, **kwargs)
        values.update(self._helpdesk_prepaid_values())
        return values

    def _ticket_get_page_view_values(self, ticket, access_token, *args, **kwargs):
        values = super()._ticket_get_page_view_values(
            ticket, access_token, *args, **kwargs
        )
        values["timesheet_values"] = ticket._portal_timesheet_values()
        return values
