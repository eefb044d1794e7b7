# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestMerge(HelpdeskCase):
    def test_merge_moves_everything(self):
        keep, dup1, dup2 = self._create_tickets(3, user_id=self.agent.id)
        other = self.env["res.partner"].create(
            {"name": "Watcher", "email": "w@example.com"}
        )
        dup1.message_subscribe(partner_ids=other.ids)
        dup1.message_post(body="Message on the duplicate", message_type="comment")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "log.txt",
                "raw": b"log",
                "res_model": "helpdesk.ticket",
                "res_id": dup2.id,
            }
        )
        tickets = (keep | dup1 | dup2).with_user(self.agent)
        wizard = Form(
            self.env["helpdesk.ticket.merge"]
            .with_user(self.agent)
            .with_context(active_model="helpdesk.ticket", active_ids=tickets.ids)
        ).save()
        self.assertEqual(wizard.target_ticket_id, keep)
        action = wizard.action_merge()
        self.assertEqual(action["res_id"], keep.id)
        self.assertFalse(dup1.active or dup2.active)
        self.assertEqual((dup1 | dup2).merged_into_id, keep)
        self.assertTrue(keep.active)
        self.assertIn(
            "Message on the duplicate", "".join(keep.message_ids.mapped("body"))
        )
        self.assertIn(other, keep.message_partner_ids)
        self.assertEqual(attachment.res_id, keep.id)
        self.assertFalse(
            dup1.message_ids.filtered(lambda m: "duplicate" in (m.body or ""))
        )

    def test_merge_needs_two(self):
        ticket = self._create_tickets(1)
        wizard = self.env["helpdesk.ticket.merge"].create(
            {"ticket_ids": [(6, 0, ticket.ids)], "target_ticket_id": ticket.id}
        )
        with self.assertRaises(UserError):
            wizard.action_merge()
