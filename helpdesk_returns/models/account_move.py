# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = [
        "account.move",
        "helpdesk.after.sale.record",
        "helpdesk.after.sale.choice",
    ]

    def _helpdesk_after_sale_states(self):
        """A posted invoice or credit note says whether it is paid."""
        states = super()._helpdesk_after_sale_states()
        payment = dict(self._fields["payment_state"]._description_selection(self.env))
        for move in self.filtered(lambda m: m.state == "posted"):
            states[move._name, move.id] = payment.get(move.payment_state, "")
        return states
