# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestPartnerCard(HelpdeskCase):
    def test_counts_cover_the_commercial_entity(self):
        company = self.env["res.partner"].create({"name": "ACME", "is_company": True})
        alice, bob = self.env["res.partner"].create(
            [
                {
                    "name": "Alice",
                    "parent_id": company.id,
                    "email": "alice@acme.example",
                },
                {"name": "Bob", "parent_id": company.id, "email": "bob@acme.example"},
            ]
        )
        self._create_tickets(2, partner_id=alice.id)
        closed = self._create_tickets(1, partner_id=bob.id)
        closed.stage_id = self.stage_done
        self._create_tickets(1)  # another customer
        for partner in (company, alice, bob):
            partner = partner.with_user(self.manager)
            self.assertEqual(partner.helpdesk_open_ticket_count, 2)
            self.assertEqual(partner.helpdesk_closed_ticket_count, 1)
            self.assertEqual(partner.helpdesk_ticket_count, 3)
        action = alice.with_user(self.manager).action_open_helpdesk_tickets()
        tickets = (
            self.env["helpdesk.ticket"].with_user(self.manager).search(action["domain"])
        )
        self.assertEqual(len(tickets), 3)

    def test_counts_in_one_query(self):
        partners = self.env["res.partner"].create(
            [{"name": f"P{i}"} for i in range(20)]
        )
        for partner in partners[:5]:
            self._create_tickets(1, partner_id=partner.id)
        partners.invalidate_recordset()
        with self.assertQueryCount(2):  # commercial partners + one grouped count
            partners.mapped("helpdesk_ticket_count")

    def test_counts_respect_access(self):
        self._create_tickets(2)
        self.assertEqual(
            self.customer.with_user(self.outsider).helpdesk_ticket_count, 0
        )
