# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PNG_1PX, HelpdeskPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccess(HelpdeskPortalCase):
    def test_access_url_and_token(self):
        self.assertEqual(self.ticket.access_url, f"/my/tickets/{self.ticket.id}")
        url = self.ticket.get_portal_url()
        self.assertIn("access_token=", url)
        self.assertTrue(self.ticket.access_token)

    def test_customer_sees_own_ticket_only(self):
        self.assertEqual(self._tickets_as(self.portal_user), self.ticket)
        self.assertFalse(self._tickets_as(self.stranger))
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.ticket.with_user(self.stranger).read(["name"])

    def test_colleague_needs_company_visibility(self):
        self.assertFalse(self._tickets_as(self.colleague))
        self.team.portal_visibility = "company"
        self.assertEqual(self._tickets_as(self.colleague), self.ticket)
        self.assertFalse(self._tickets_as(self.stranger))

    def test_follower_sees_ticket(self):
        self.ticket.message_subscribe(partner_ids=self.stranger.partner_id.ids)
        self.assertEqual(self._tickets_as(self.stranger), self.ticket)

    def test_portal_still_cannot_write(self):
        for user in (self.portal_user, self.colleague):
            with self.subTest(user=user.login):
                Ticket = self.env["helpdesk.ticket"].with_user(user)
                self.assertTrue(Ticket.has_access("read"))
                self.assertFalse(Ticket.has_access("write"))
                self.assertFalse(Ticket.has_access("create"))
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.ticket.with_user(user).write({"name": "hacked"})
        self.assertEqual(self.ticket.name, "Printer on fire")

    def test_closing_stages_are_the_team_ones(self):
        self.assertEqual(self.ticket._get_portal_closing_stages(), self.stage_done)
        self.assertTrue(self.ticket._portal_can_close())

    def test_reopen_window(self):
        with self._now(datetime(2027, 1, 4, 10, 0)):
            self.ticket.stage_id = self.stage_done
            self.env.flush_all()
        self.assertEqual(self.ticket.date_closed, datetime(2027, 1, 4, 10, 0))
        with self._now(datetime(2027, 1, 11, 10, 0)):
            self.assertTrue(self.ticket._portal_can_reopen())
        with self._now(datetime(2027, 1, 11, 10, 1)):
            self.assertFalse(self.ticket._portal_can_reopen())
        self.team.portal_reopen_days = 0
        with self._now(datetime(2027, 1, 5, 10, 0)):
            self.assertFalse(self.ticket._portal_can_reopen())

    def test_attachment_checks(self):
        Ticket = self.env["helpdesk.ticket"]
        self.assertFalse(Ticket._portal_check_attachment("notes.txt", b"hello"))
        png = base64.b64decode(PNG_1PX)
        self.assertFalse(Ticket._portal_check_attachment("shot.png", png))
        refused = {
            "page.html": b"<p>hi</p>",
            "logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
            "setup.exe": b"MZ\x90\x00",
            "invoice.pdf": b"MZ\x90\x00 not a pdf",
            "readme.txt": b"<html><script>alert(1)</script></html>",
            "photo.png": b"%PDF-1.4 not an image",
        }
        for name, content in refused.items():
            with self.subTest(name=name):
                self.assertTrue(Ticket._portal_check_attachment(name, content))
        self.env["ir.config_parameter"].set_param(
            "helpdesk_portal.attachment_max_size_mb", "0.001"
        )
        error = Ticket._portal_check_attachment("big.txt", b"a" * 2048)
        self.assertIn("too large", error)

    def test_invite_opens_portal_wizard(self):
        action = self.ticket.with_user(self.manager).action_portal_invite()
        self.assertEqual(action["res_model"], "portal.wizard")
        self.assertEqual(action["context"]["active_ids"], self.alice.ids)

    def test_notification_carries_access_link(self):
        self.ticket.message_post(
            body="We are on it.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.alice.ids,
        )
        self.env.flush_all()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.alice.ids), ("res_id", "=", self.ticket.id)]
        )
        self.assertTrue(mails)
        self.assertIn("access_token", mails[-1].body_html)
        self.assertIn(self.ticket.access_token, mails[-1].body_html)
