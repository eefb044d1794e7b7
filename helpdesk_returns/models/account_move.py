# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain


class AccountMove(models.Model):
    _inherit = "account.move"

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The ticket this credit note (or corrected invoice) was made from.",
    )

    def action_open_helpdesk_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.helpdesk_ticket_id.id,
            "views": [(False, "form")],
        }

    @api.model
    def web_name_search(
        self, name, specification, domain=None, operator="ilike", limit=100
    ):
        # an agent without rights on invoices picks one for a ticket: only among
        # the ticket's, names only
        allowed = self.env["helpdesk.ticket"]._after_sale_choice_domain(self._name)
        if allowed is not None and set(specification) <= {"display_name"}:
            return super(AccountMove, self.sudo()).web_name_search(
                name, specification, Domain(domain or []) & allowed, operator, limit
            )
        return super().web_name_search(name, specification, domain, operator, limit)
