# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain


class HelpdeskAfterSaleChoice(models.AbstractModel):
    """Records an agent picks for a ticket (orders, lots, deliveries, invoices)
    without the rights of their app: the search answers among the ticket's
    records only, names only (context ``helpdesk_after_sale_ticket_id``)."""

    _name = "helpdesk.after.sale.choice"
    _description = "Chosen for a Helpdesk Ticket"

    @api.model
    def web_name_search(
        self, name, specification, domain=None, operator="ilike", limit=100
    ):
        allowed = self.env["helpdesk.ticket"]._after_sale_choice_domain(self._name)
        if allowed is not None and set(specification) <= {"display_name"}:
            return super(HelpdeskAfterSaleChoice, self.sudo()).web_name_search(
                name, specification, Domain(domain or []) & allowed, operator, limit
            )
        return super().web_name_search(name, specification, domain, operator, limit)
