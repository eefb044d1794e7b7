# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import format_date


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "helpdesk.after.sale.record"]

    def _helpdesk_code_label(self):
        """ "CODE (until 12/31/2026)"."""
        self.ensure_one()
        if not self.expiration_date:
            return self.code
        return self.env._(
            "%(code)s (until %(date)s)",
            code=self.code,
            date=format_date(self.env, self.expiration_date),
        )

    def _helpdesk_after_sale_states(self):
        today = fields.Date.context_today(self)
        states = {}
        for card in self:
            if card.expiration_date and card.expiration_date < today:
                state = self.env._("Expired")
            elif card.points <= 0:
                state = self.env._("Used")
            elif card.expiration_date:
                state = self.env._(
                    "Valid until %(date)s",
                    date=format_date(self.env, card.expiration_date),
                )
            else:
                state = self.env._("Valid")
            states[card._name, card.id] = state
        return states
