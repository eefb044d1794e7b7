# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestPhone(HelpdeskChannelCase):
    def test_ticket_from_a_call_finds_the_caller(self):
        open_ticket = self._create_tickets(1)
        form = Form(self.env["helpdesk.ticket.phone"].with_user(self.agent))
        form.phone = "+380 (44) 123-45-67"
        self.assertEqual(form.partner_id, self.customer)
        form.name = "Calls about the invoice"
        form.team_id = self.team
        wizard = form.save()
        self.assertIn(open_ticket, wizard.open_ticket_ids)
        action = wizard.action_create()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.medium_id.name, "Phone")

    def test_unknown_caller_gets_a_contact(self):
        wizard = (
            self.env["helpdesk.ticket.phone"]
            .with_user(self.agent)
            .create(
                {
                    "phone": "+48 22 555 01 99",
                    "name": "New caller",
                    "team_id": self.team.id,
                }
            )
        )
        self.assertFalse(wizard.partner_id)
        ticket = self.env["helpdesk.ticket"].browse(wizard.action_create()["res_id"])
        self.assertEqual(ticket.partner_id.phone, "+48 22 555 01 99")
        wizard = self.env["helpdesk.ticket.phone"].create({"phone": "+1", "name": " "})
        with self.assertRaisesRegex(UserError, "subject"):
            wizard.action_create()
