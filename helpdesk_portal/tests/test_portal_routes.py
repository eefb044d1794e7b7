# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PNG_1PX, HelpdeskPortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalRoutes(HelpdeskPortalHttpCase):
    def _snapshot(self, ticket=None):
        ticket = ticket or self.ticket
        ticket.invalidate_recordset()
        return (
            ticket.stage_id,
            ticket.name,
            len(ticket.rating_ids.filtered("consumed")),
        )

    # ------------------------------------------------------------------ list
    def test_home_counter(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        res = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["helpdesk_ticket_count"]}
        )
        self.assertEqual(res["helpdesk_ticket_count"], 1)
        self.authenticate("hd_portal_eve", "hd_portal_eve")
        res = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["helpdesk_ticket_count"]}
        )
        self.assertEqual(res["helpdesk_ticket_count"], 0)

    def test_list_shows_own_tickets_only(self):
        other = self.env["helpdesk.ticket"].create(
            {
                "name": "Eve's secret",
                "team_id": self.team.id,
                "partner_id": self.stranger.partner_id.id,
            }
        )
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        page = self.url_open("/my/tickets").text
        self.assertIn("Printer on fire", page)
        self.assertIn(self.ticket.ticket_ref, page)
        self.assertNotIn("Eve&#39;s secret", page)
        self.assertNotIn(other.ticket_ref, page)
        for params in (
            "sortby=priority&groupby=stage_id",
            "sortby=update&groupby=team_id&filterby=all",
            "sortby=stage&filterby=closed",
            f"filterby=team_{self.team.id}",
            "sortby=bogus&filterby=bogus&groupby=bogus&search_in=bogus&search=x",
        ):
            with self.subTest(params=params):
                self.assertEqual(
                    self.url_open(f"/my/tickets?{params}").status_code, 200
                )

    def test_list_pager_counts(self):
        self._create_tickets(85, partner_id=self.alice.id)
        self._create_tickets(2, partner_id=self.alice.id, team_id=self.other_team.id)
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        page = self.url_open("/my/tickets").text
        self.assertIn("/my/tickets/page/2", page)
        self.assertNotIn("/my/tickets/page/3", page)
        page = self.url_open(f"/my/tickets?filterby=team_{self.other_team.id}").text
        self.assertNotIn("/my/tickets/page/2", page)
        self.assertEqual(page.count("o_helpdesk_portal_row"), 2)
        page = self.url_open("/my/tickets/page/2?filterby=all").text
        self.assertEqual(page.count("o_helpdesk_portal_row"), 88 - 80)

    def test_list_search_public_messages_only(self):
        self.ticket.message_post(
            body="The toner smells of pineapple",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.ticket.message_post(
            body="Internal: customer owes us kiwi", subtype_xmlid="mail.mt_note"
        )
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        found = self.url_open("/my/tickets?search=pineapple&search_in=message").text
        self.assertIn("Printer on fire", found)
        hidden = self.url_open("/my/tickets?search=kiwi&search_in=all").text
        self.assertNotIn("Printer on fire", hidden)
        by_ref = self.url_open(
            f"/my/tickets?search={self.ticket.ticket_ref}&search_in=ref"
        ).text
        self.assertIn("Printer on fire", by_ref)

    # ------------------------------------------------------------------ page
    def test_ticket_page(self):
        # the agents' manual deadline is internal: no promise to the customer
        self.ticket.date_deadline = datetime(2027, 3, 1, 12, 0)
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        res = self.url_open(self._ticket_url())
        self.assertNotIn("o_helpdesk_portal_deadline", res.text)
        Ticket = type(self.env["helpdesk.ticket"])
        promise = datetime.now() + timedelta(hours=3)
        with patch.object(Ticket, "_get_customer_deadline", lambda t: promise):
            res = self.url_open(self._ticket_url())
        self.assertEqual(res.status_code, 200)
        self.assertIn("Printer on fire", res.text)
        self.assertIn("T Support", res.text)
        self.assertIn("o_helpdesk_portal_deadline", res.text)
        self.assertIn("o_helpdesk_portal_close_button", res.text)
        self.assertIn("<span>T Done</span>", res.text)
        self.assertNotIn("T Cancelled", res.text)

    def test_ticket_page_by_token_without_account(self):
        token = self.ticket._portal_ensure_token()
        res = self.url_open(self._ticket_url(suffix=f"?access_token={token}"))
        self.assertEqual(res.status_code, 200)
        self.assertIn("Printer on fire", res.text)
        for bad in ("", "?access_token=wrong", f"?access_token={token[:-1]}"):
            with self.subTest(token=bad):
                res = self.url_open(self._ticket_url(suffix=bad))
                self.assertNotIn("Printer on fire", res.text)
                self.assertNotIn(f"/my/tickets/{self.ticket.id}", res.url)

    def test_malformed_token_refused(self):
        token = self.ticket._portal_ensure_token()
        for bad in (f"{token[:-1]}\u00e9", f"{token}\x00", "\u00e9"):
            with self.subTest(token=bad):
                res = self.url_open(self._ticket_url(), params={"access_token": bad})
                self.assertEqual(res.status_code, 200)
                self.assertNotIn("Printer on fire", res.text)
                with mute_logger("odoo.http"):
                    res = self._post(
                        self._ticket_url(suffix="/close"),
                        {"stage_id": self.stage_done.id, "access_token": bad},
                    )
                self.assertEqual(res.status_code, 404)
        self.assertEqual(self.ticket.stage_id, self.stage_new)

    def test_stale_token_refused(self):
        token = self.ticket._portal_ensure_token()
        self.ticket.access_token = False
        self.ticket._portal_ensure_token()
        res = self.url_open(self._ticket_url(suffix=f"?access_token={token}"))
        self.assertNotIn("Printer on fire", res.text)
        before = self._snapshot()
        with mute_logger("odoo.http"):
            res = self._post(
                self._ticket_url(suffix="/close"),
                {"stage_id": self.stage_done.id, "access_token": token},
            )
        self.assertEqual(res.status_code, 404)
        self.assertEqual(self._snapshot(), before)

    def test_other_customer_cannot_see_nor_act(self):
        self.authenticate("hd_portal_eve", "hd_portal_eve")
        res = self.url_open(self._ticket_url())
        self.assertNotIn("Printer on fire", res.text)
        before = self._snapshot()
        with mute_logger("odoo.http"):
            for suffix, data in (
                ("/close", {"stage_id": self.stage_done.id}),
                ("/reopen", {}),
                ("/rate", {"rate": 5, "feedback": "great"}),
            ):
                with self.subTest(action=suffix):
                    res = self._post(self._ticket_url(suffix=suffix), data)
                    self.assertEqual(res.status_code, 404)
        self.assertEqual(self._snapshot(), before)

    def test_csrf_required(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        with mute_logger("odoo.http"):
            res = self.url_open(
                self._ticket_url(suffix="/close"),
                data={"stage_id": self.stage_done.id},
            )
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self._snapshot()[0], self.stage_new)

    def test_ticket_page_in_ukrainian_and_russian(self):
        for lang, word in (("uk_UA", "Повідомлення"), ("ru_RU", "Сообщения")):
            with self.subTest(lang=lang):
                self.env["res.lang"]._activate_lang(lang)
                self.env["ir.module.module"]._load_module_terms(
                    ["helpdesk_portal"], [lang], overwrite=True
                )
                self.portal_user.lang = lang
                self.authenticate("hd_portal_alice", "hd_portal_alice")
                page = self.url_open(self._ticket_url()).text
                self.assertIn(word, page)

    # ------------------------------------------------------------------ actions
    def test_close_only_to_closable_team_stages(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        for stage in (self.stage_cancelled, self.other_stage_done, self.stage_progress):
            with self.subTest(stage=stage.name):
                self._post(self._ticket_url(suffix="/close"), {"stage_id": stage.id})
                self.assertEqual(self._snapshot()[0], self.stage_new)
        self._post(self._ticket_url(suffix="/close"), {"stage_id": "x'; drop"})
        self.assertEqual(self._snapshot()[0], self.stage_new)
        res = self._post(
            self._ticket_url(suffix="/close"), {"stage_id": self.stage_done.id}
        )
        self.assertEqual(res.status_code, 200)
        self.assertEqual(self._snapshot()[0], self.stage_done)
        self.assertTrue(self.ticket.is_closed)
        self.assertIn(
            "Closed by the customer.", "".join(self.ticket.message_ids.mapped("body"))
        )

    def test_close_by_token(self):
        token = self.ticket._portal_ensure_token()
        self._post(
            self._ticket_url(suffix="/close"),
            {"stage_id": self.stage_done.id, "access_token": token},
        )
        self.assertEqual(self._snapshot()[0], self.stage_done)

    def test_reopen_then_follow_up(self):
        with self._now(datetime(2027, 1, 4, 10, 0)):
            self.ticket.stage_id = self.stage_done
            self.env.flush_all()
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        with self._now(datetime(2027, 1, 20, 10, 0)):
            page = self.url_open(self._ticket_url()).text
            self.assertIn("o_helpdesk_portal_follow_up", page)
            self._post(self._ticket_url(suffix="/reopen"))
            self.assertEqual(self._snapshot()[0], self.stage_done)
        with self._now(datetime(2027, 1, 6, 10, 0)):
            self.assertIn(
                "o_helpdesk_portal_reopen_button",
                self.url_open(self._ticket_url()).text,
            )
            self._post(self._ticket_url(suffix="/reopen"))
            self.assertEqual(self._snapshot()[0], self.stage_new)
        self.assertFalse(self.ticket.is_closed)
        self.assertFalse(self.ticket.date_closed)

    def test_rate_closed_ticket_once(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        self._post(self._ticket_url(suffix="/rate"), {"rate": 5})
        self.assertEqual(self._snapshot()[2], 0, "open tickets are not rated")
        self.ticket.stage_id = self.stage_done
        for bad in (4, 0, 7, "x"):
            self._post(self._ticket_url(suffix="/rate"), {"rate": bad})
        self.assertEqual(self._snapshot()[2], 0)
        self._post(
            self._ticket_url(suffix="/rate"),
            {"rate": 5, "feedback": "<b>Quick</b> and kind"},
        )
        rating = self.ticket.rating_ids.filtered("consumed")
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.partner_id, self.alice)
        self._post(self._ticket_url(suffix="/rate"), {"rate": 1})
        self.assertEqual(self._snapshot()[2], 1, "one rating per customer")
        page = self.url_open(self._ticket_url()).text
        self.assertIn("o_helpdesk_portal_rating", page)
        self.assertIn("&lt;b&gt;Quick&lt;/b&gt;", page)
        self.team.use_portal_rating = False
        self.assertNotIn(
            "o_helpdesk_portal_rating", self.url_open(self._ticket_url()).text
        )

    def test_only_customer_rates(self):
        self.ticket.message_subscribe(partner_ids=self.stranger.partner_id.ids)
        self.ticket.stage_id = self.stage_done
        token = self.ticket._portal_ensure_token()
        self.authenticate("hd_portal_eve", "hd_portal_eve")
        page = self.url_open(self._ticket_url()).text
        self.assertIn("Printer on fire", page, "the follower sees the ticket")
        self.assertNotIn("o_helpdesk_portal_rate_button", page)
        for data in ({"rate": 1}, {"rate": 1, "access_token": token}):
            with self.subTest(data=data):
                res = self._post(self._ticket_url(suffix="/rate"), data)
                self.assertEqual(res.status_code, 200)
                self.assertIn("o_helpdesk_portal_errors", res.text)
        self.assertFalse(self.ticket.rating_ids.filtered("consumed"))
        # whoever holds the customer's signed link rates as the customer
        self.authenticate(None, None)
        page = self.url_open(self._ticket_url(suffix=f"?access_token={token}")).text
        self.assertIn("o_helpdesk_portal_rate_button", page)
        self._post(self._ticket_url(suffix="/rate"), {"rate": 5, "access_token": token})
        rating = self.ticket.rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.partner_id, self.alice)

    def test_customer_change_moves_portal_access(self):
        old_token = self.ticket._portal_ensure_token()
        self.ticket.with_user(self.manager).partner_id = self.stranger.partner_id
        self.assertNotIn(self.alice, self.ticket.message_partner_ids)
        # the former customer
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        res = self.url_open(self._ticket_url())
        self.assertNotIn("Printer on fire", res.text)
        self.assertNotIn(self._ticket_url(), res.url)
        self.assertNotIn(
            "Printer on fire", self.url_open("/my/tickets?filterby=all").text
        )
        self.authenticate(None, None)
        res = self.url_open(self._ticket_url(suffix=f"?access_token={old_token}"))
        self.assertNotIn("Printer on fire", res.text)
        # the new customer
        self.authenticate("hd_portal_eve", "hd_portal_eve")
        self.assertIn("Printer on fire", self.url_open(self._ticket_url()).text)
        self.assertIn("Printer on fire", self.url_open("/my/tickets?filterby=all").text)
        self.authenticate(None, None)
        new_token = self.ticket._portal_ensure_token()
        self.assertNotEqual(new_token, old_token)
        res = self.url_open(self._ticket_url(suffix=f"?access_token={new_token}"))
        self.assertIn("Printer on fire", res.text)

    def test_customer_shares_ticket_with_follower(self):
        self.authenticate("hd_portal_eve", "hd_portal_eve")
        with mute_logger("odoo.http"):
            res = self._post(
                self._ticket_url(suffix="/followers"),
                {"email": "eve@other.example.com"},
            )
        self.assertEqual(res.status_code, 404)
        self.assertFalse(self._tickets_as(self.stranger))
        self.team.portal_visibility = "company"
        self.authenticate("hd_portal_bob", "hd_portal_bob")
        with mute_logger("odoo.http"):
            res = self._post(
                self._ticket_url(suffix="/followers"),
                {"email": "eve@other.example.com"},
            )
        self.assertEqual(res.status_code, 404, "only the customer shares")
        self.assertFalse(self._tickets_as(self.stranger))
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        self._post(
            self._ticket_url(suffix="/followers"), {"email": "eve@other.example.com"}
        )
        self.assertIn(self.stranger.partner_id, self.ticket.message_partner_ids)
        self.assertEqual(self._tickets_as(self.stranger), self.ticket)

    # ------------------------------------------------------------------ new ticket
    def test_new_ticket_with_attachment_escapes_html(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        self.assertEqual(self.url_open("/my/tickets/new").status_code, 200)
        res = self._post(
            "/my/tickets/new",
            {
                "team_id": self.team.id,
                "subject": "<script>alert('s')</script>Broken",
                "description": "<img src=x onerror=alert(1)>\nSecond line",
                "priority": "3",
            },
            files={"attachments": ("shot.png", base64.b64decode(PNG_1PX), "image/png")},
        )
        self.assertEqual(res.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.alice.id), ("id", "!=", self.ticket.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "<script>alert('s')</script>Broken")
        self.assertEqual(ticket.priority, "0", "the team does not allow priorities")
        self.assertNotIn("<img", ticket.description)
        self.assertIn("&lt;img", ticket.description)
        self.assertEqual(ticket.message_ids.attachment_ids.mapped("name"), ["shot.png"])
        page = self.url_open(ticket.access_url).text
        self.assertNotIn("<script>alert('s')</script>", page)
        self.assertIn("&lt;script&gt;", page)
        self.assertNotIn("<img src=x", page)

    def test_new_ticket_refuses_dangerous_and_big_files(self):
        self.env["ir.config_parameter"].set_param(
            "helpdesk_portal.attachment_max_size_mb", "0.01"
        )
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        count = self.env["helpdesk.ticket"].search_count([])
        for name, content, mimetype in (
            ("page.html", b"<html><script>1</script></html>", "text/html"),
            ("logo.svg", b"<svg onload='x'></svg>", "image/svg+xml"),
            ("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
            ("scan.pdf", b"MZ\x90\x00", "application/pdf"),
            ("big.txt", b"a" * 20000, "text/plain"),
        ):
            with self.subTest(name=name):
                res = self._post(
                    "/my/tickets/new",
                    {"team_id": self.team.id, "subject": "With a file"},
                    files={"attachments": (name, content, mimetype)},
                )
                self.assertIn("o_helpdesk_portal_errors", res.text)
                self.assertIn(name, res.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_new_ticket_team_must_be_open(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        self.other_team.use_portal_submission = False
        count = self.env["helpdesk.ticket"].search_count([])
        res = self._post(
            "/my/tickets/new", {"team_id": self.other_team.id, "subject": "Sneaky"}
        )
        self.assertIn("o_helpdesk_portal_errors", res.text)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)

    def test_follow_up_needs_access_to_origin(self):
        foreign = self.env["helpdesk.ticket"].create(
            {"name": "Not yours", "partner_id": self.stranger.partner_id.id}
        )
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        page = self.url_open(f"/my/tickets/new?origin_id={foreign.id}").text
        self.assertNotIn(foreign.ticket_ref, page)
        self._post(
            "/my/tickets/new",
            {
                "team_id": self.team.id,
                "subject": "Follow",
                "origin_id": foreign.id,
            },
        )
        created = self.env["helpdesk.ticket"].search([("name", "=", "Follow")])
        self.assertFalse(created.origin_ticket_id)
        self._post(
            "/my/tickets/new",
            {"team_id": self.team.id, "subject": "Mine", "origin_id": self.ticket.id},
        )
        created = self.env["helpdesk.ticket"].search([("name", "=", "Mine")])
        self.assertEqual(created.origin_ticket_id, self.ticket)

    def test_chatter_upload_checks(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        res = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_id": self.ticket.id,
                "thread_model": "helpdesk.ticket",
                "is_pending": "true",
            },
            files={
                "ufile": ("x.html", b"<html><script>1</script></html>", "text/html")
            },
        )
        self.assertIn("error", res.json())
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "x.html")]))
        res = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "thread_id": self.ticket.id,
                "thread_model": "helpdesk.ticket",
                "is_pending": "true",
            },
            files={"ufile": ("notes.txt", b"plain notes", "text/plain")},
        )
        self.assertNotIn("error", res.json())

    # ------------------------------------------------------------------ public form
    def test_public_form_creates_ticket_and_acknowledges(self):
        self.assertEqual(self.url_open(f"/helpdesk/{self.team.id}").status_code, 200)
        res = self._public_post(
            {
                "contact_name": "Zoe New",
                "email": "zoe@new.example.com",
                "subject": "Cannot log in",
                "description": "Since Monday",
            }
        )
        self.assertEqual(res.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Cannot log in")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id.email, "zoe@new.example.com")
        self.assertEqual(ticket.partner_id.name, "Zoe New")
        self.assertEqual(ticket.medium_id, self.env.ref("utm.utm_medium_website"))
        self.assertIn(ticket.ticket_ref, res.text)
        self.assertNotIn(ticket.access_token or "no-token", res.text)
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: "access_token" in (m.body_html or ""))
        )
        self.assertTrue(mail)
        self.assertIn(ticket.access_token, mail[0].body_html)
        self.assertEqual(mail[0].recipient_ids, ticket.partner_id)

    def test_public_form_reuses_contact_without_account(self):
        self._public_post({"email": "Customer@Example.com", "subject": "Known contact"})
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Known contact")])
        self.assertEqual(ticket.partner_id, self.customer)

    def test_public_form_antispam(self):
        count = self.env["helpdesk.ticket"].search_count([])
        res = self._public_post(
            {
                "email": "bot@spam.example.com",
                "subject": "Buy now",
                "website_url": "http://spam.example.com",
            }
        )
        self.assertEqual(res.status_code, 200)
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self._public_post({"email": "not an email", "subject": "x"})
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count)
        self.env["ir.config_parameter"].set_param(
            "helpdesk_portal.rate_limit_anonymous_count", 2
        )
        for index in range(3):
            res = self._public_post(
                {"email": f"user{index}@flood.example.com", "subject": f"Flood {index}"}
            )
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), count + 2)
        self.assertIn("o_helpdesk_portal_errors", res.text)

    def test_public_form_disabled_or_csrf(self):
        self.authenticate(None, None)
        with mute_logger("odoo.http"):
            self.assertEqual(
                self.url_open(f"/helpdesk/{self.other_team.id}").status_code, 404
            )
            self.assertEqual(self.url_open("/helpdesk/999999").status_code, 404)
            res = self.url_open(
                f"/helpdesk/{self.team.id}",
                data={"email": "a@b.example.com", "subject": "No CSRF"},
            )
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self.env["helpdesk.ticket"].search([("name", "=", "No CSRF")]))
