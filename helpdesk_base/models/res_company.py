# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._helpdesk_ensure_ticket_sequence()
        return companies

    def _helpdesk_ensure_ticket_sequence(self):
        """Each company numbers its tickets with its own sequence."""
        Sequence = self.env["ir.sequence"].sudo()
        existing = Sequence.search(
            [("code", "=", "helpdesk.ticket"), ("company_id", "in", self.ids)]
        ).company_id
        Sequence.create(
            [
                {
                    "name": f"Helpdesk Ticket ({company.name})",
                    "code": "helpdesk.ticket",
                    "company_id": company.id,
                    "prefix": "HD",
                    "padding": 5,
                    "implementation": "standard",
                }
                for company in self - existing
            ]
        )

    def _helpdesk_next_ticket_refs(self, count):
        """Return ``count`` new ticket references of this company in one round-trip."""
        self.ensure_one()
        # found and read in one query: what the references are made of
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search_fetch(
                [
                    ("code", "=", "helpdesk.ticket"),
                    ("company_id", "in", [self.id, False]),
                ],
                [
                    "implementation",
                    "use_date_range",
                    "prefix",
                    "suffix",
                    "padding",
                    "name",
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            self._helpdesk_ensure_ticket_sequence()
            return self._helpdesk_next_ticket_refs(count)
        if sequence.implementation != "standard" or sequence.use_date_range:
            return [sequence._next() for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(number) for (number,) in self.env.cr.fetchall()]
