# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.fields import Domain


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def web_name_search(
        self, name, specification, domain=None, operator="ilike", limit=100
    ):
        # an agent without rights on orders picks one for a ticket: only among
        # the ticket's, names only
        allowed = self.env["helpdesk.ticket"]._after_sale_choice_domain(self._name)
        if allowed is not None and set(specification) <= {"display_name"}:
            return super(SaleOrder, self.sudo()).web_name_search(
                name, specification, Domain(domain or []) & allowed, operator, limit
            )
        return super().web_name_search(name, specification, domain, operator, limit)
