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

    def _merge_wizard(self, tickets):
        return Form(
            self.env["helpdesk.ticket.merge"]
            .with_user(self.agent)
            .with_context(active_model="helpdesk.ticket", active_ids=tickets.ids)
        )

    def test_merge_defaults_to_the_open_ticket(self):
        solved, newer_open, newest_open = self._create_tickets(3)
        solved.stage_id = self.stage_done
        form = self._merge_wizard(newest_open | solved | newer_open)
        self.assertEqual(form.target_ticket_id, newer_open)
        self.assertFalse(form.has_other_customers)

    def test_merge_of_different_customers(self):
        """The other customer is warned about, not subscribed, does not read the
        kept customer's ticket, and the kept customer does not read theirs."""
        stranger = self.env["res.partner"].create(
            {"name": "Stranger", "email": "stranger@example.com"}
        )
        stranger_colleague = self.env["res.partner"].create(
            {
                "name": "Colleague",
                "email": "colleague@example.com",
                "parent_id": stranger.id,
            }
        )
        keep = self._create_tickets(1)
        other = self._create_tickets(1, partner_id=stranger.id)
        other.message_subscribe(
            partner_ids=(stranger_colleague | self.agent2.partner_id).ids
        )
        other.message_post(
            body="Stranger's private details",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=stranger.id,
        )
        form = self._merge_wizard(keep | other)
        self.assertTrue(form.has_other_customers)
        self.assertEqual(form.target_ticket_id, keep)
        other.description = "<p>Stranger description</p>"
        action = form.save().action_merge()
        self.assertEqual(action["target"], "main")
        self.assertEqual(action["res_id"], keep.id)
        note = keep.message_ids.filtered(
            lambda m: "Stranger description" in (m.body or "")
        )
        self.assertTrue(note, "the merged ticket's description is kept")
        self.assertTrue(note.subtype_id.internal, "in an internal note")
        followers = keep.message_partner_ids
        self.assertNotIn(stranger, followers)
        self.assertNotIn(stranger_colleague, followers)
        self.assertIn(self.agent2.partner_id, followers)
        moved = keep.message_ids.filtered(lambda m: "private details" in (m.body or ""))
        self.assertTrue(moved.is_internal, "kept customer's portal must not show it")
        self.assertTrue(
            other.message_ids.filtered(lambda m: keep.ticket_ref in (m.body or "")),
            "a note on the merged ticket too",
        )

    def test_merge_subscribes_other_customers_on_request(self):
        stranger = self.env["res.partner"].create({"name": "Stranger 2"})
        keep = self._create_tickets(1)
        other = self._create_tickets(1, partner_id=stranger.id)
        form = self._merge_wizard(keep | other)
        form.subscribe_other_customers = True
        form.save().action_merge()
        self.assertIn(stranger, keep.message_partner_ids)

    def test_merge_of_colleagues_is_a_merge_of_customers(self):
        """Two contacts of one company are two customers: the portal may show a
        ticket only to its own customer."""
        colleague = self.env["res.partner"].create(
            {
                "name": "Colleague",
                "email": "col@example.com",
                "parent_id": self.customer.id,
            }
        )
        keep = self._create_tickets(1)
        other = self._create_tickets(1, partner_id=colleague.id)
        other.message_post(
            body="Colleague's salary question",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=colleague.id,
        )
        form = self._merge_wizard(keep | other)
        self.assertTrue(form.has_other_customers)
        form.save().action_merge()
        self.assertNotIn(colleague, keep.message_partner_ids)
        moved = keep.message_ids.filtered(lambda m: "salary" in (m.body or ""))
        self.assertTrue(moved.is_internal)
