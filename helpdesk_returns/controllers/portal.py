# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.helpdesk_portal.controllers.portal import HelpdeskCustomerPortal


class HelpdeskAfterSalePortal(HelpdeskCustomerPortal):
    """The state of the returns, repairs, credit notes and coupons of the ticket
    on its page."""

    def _ticket_get_page_view_values(self, ticket, access_token, *args, **kwargs):
        values = super()._ticket_get_page_view_values(
            ticket, access_token, *args, **kwargs
        )
        values["after_sale_values"] = ticket._portal_after_sale_values()
        return values
