# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class LoyaltyCard(models.Model):
    _name = "loyalty.card"
    _inherit = ["loyalty.card", "helpdesk.after.sale.record"]

    def _helpdesk_code_label(self):
        """ "CODE (until 12/31/2026)"."""
        self.ensure_one()
        if not self.expiration_date:
            return self.code
        return self.env._(
            "%(code)s (until %(date)s)", code=self.code, date=self.expiration_date
        )
