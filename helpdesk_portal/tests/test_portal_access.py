# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import datetime
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.helpdesk_portal.models.helpdesk_ticket import PortalFormError

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

    def test_customer_sees_ticket_without_following_it(self):
        self.ticket.message_unsubscribe(partner_ids=self.alice.ids)
        self.assertEqual(self._tickets_as(self.portal_user), self.ticket)

    def test_rule_compiles_to_indexed_conditions(self):
        """The portal rule is conditions on the ticket's own columns, which
        PostgreSQL combines in one bitmap index scan: no join on the teams, and the
        followed tickets as an array built once, not a subquery checked for every
        ticket (which made every query read every ticket)."""
        query = self.env["helpdesk.ticket"].with_user(self.portal_user)._search([])
        sql = query.select().code
        self.assertNotIn("JOIN", sql)
        self.assertNotIn('IN (SELECT res_id FROM "mail_followers"', sql)
        self.assertIn("= ANY(ARRAY(SELECT follower.res_id FROM", sql)

    def test_search_other_followers(self):
        Ticket = self.env["helpdesk.ticket"]
        eve = self.stranger.partner_id
        eves = Ticket.create(
            {"name": "Eve's own", "team_id": self.team.id, "partner_id": eve.id}
        )
        self.assertIn(eve, eves.message_partner_ids)
        self.assertFalse(eves.portal_follower_ids)
        self.ticket.message_subscribe(partner_ids=eve.ids)
        self.assertEqual(self.ticket.portal_follower_ids, eve)
        tickets = self.ticket | eves
        for partners, expected in (
            (eve, self.ticket),
            (self.alice, Ticket),
            (eve | self.alice, self.ticket),
        ):
            with self.subTest(partners=partners.mapped("name")):
                domain = [
                    ("id", "in", tickets.ids),
                    ("portal_follower_ids", "in", partners.ids),
                ]
                self.assertEqual(Ticket.search(domain), expected)
                self.assertEqual(tickets.filtered_domain(domain[1:]), expected)
        self.assertEqual(self._tickets_as(self.stranger, tickets), tickets)

    def test_search_portal_visibility(self):
        Ticket = self.env["helpdesk.ticket"]
        self.other_team.portal_visibility = "company"
        company_wide = Ticket.create({"name": "Wide", "team_id": self.other_team.id})
        self.other_team.active = False
        no_team = Ticket.create({"name": "Nowhere", "team_id": False})
        self.assertFalse(no_team.team_id)
        tickets = self.ticket | company_wide | no_team
        self.assertEqual(company_wide.portal_visibility, "company")
        self.assertEqual(self.ticket.portal_visibility, "followers")
        for value, expected in (
            ("company", company_wide),
            ("followers", self.ticket),
            (False, no_team),
        ):
            with self.subTest(value=value):
                domain = [("id", "in", tickets.ids), ("portal_visibility", "=", value)]
                self.assertEqual(Ticket.search(domain), expected)
        domain = [("id", "in", tickets.ids), ("portal_visibility", "!=", "company")]
        self.assertEqual(Ticket.search(domain), self.ticket | no_team)

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

    # ------------------------------------------------------------------ acts
    def test_portal_close(self):
        for stage in (self.stage_cancelled, self.other_stage_done, self.stage_progress):
            with self.subTest(stage=stage.name), self.assertRaises(UserError):
                self.ticket._portal_close(stage, self.alice)
        self.assertEqual(self.ticket.stage_id, self.stage_new)
        self.ticket._portal_close(self.stage_done, self.alice)
        self.assertEqual(self.ticket.stage_id, self.stage_done)
        self.assertEqual(self.ticket.message_ids[0].author_id, self.alice)
        self.assertIn("Closed by the customer.", self.ticket.message_ids[0].body)
        with self.assertRaises(UserError):
            self.ticket._portal_close(self.stage_done, self.alice)

    def test_portal_reopen(self):
        with self.assertRaises(UserError):
            self.ticket._portal_reopen(self.alice)
        with self._now(datetime(2027, 1, 4, 10, 0)):
            self.ticket.stage_id = self.stage_done
            self.env.flush_all()
        with self._now(datetime(2027, 1, 12, 10, 0)), self.assertRaises(UserError):
            self.ticket._portal_reopen(self.alice)
        with self._now(datetime(2027, 1, 5, 10, 0)):
            self.ticket._portal_reopen(self.alice)
        self.assertEqual(self.ticket.stage_id, self.stage_new)
        self.assertEqual(self.ticket.message_ids[0].author_id, self.alice)

    def test_portal_share_only_by_customer(self):
        self.team.portal_visibility = "company"
        ticket = self.ticket.sudo()
        self.assertFalse(ticket._portal_can_share(self.colleague))
        with self.assertRaises(UserError):
            ticket._portal_share(self.colleague, "eve@other.example.com")
        self.assertTrue(ticket._portal_can_share(self.portal_user))
        with self.assertRaises(UserError):
            ticket._portal_share(self.portal_user, "not an address")
        self.assertFalse(self._tickets_as(self.stranger))
        follower = ticket._portal_share(self.portal_user, " Eve@Other.example.com ")
        self.assertEqual(follower, self.stranger.partner_id)
        self.assertEqual(self._tickets_as(self.stranger), self.ticket)
        public = self.env.ref("base.public_user")
        self.ticket.partner_id = public.partner_id
        self.assertFalse(ticket._portal_can_share(public), "signed in only")

    def test_portal_follow_up(self):
        ticket, user = self.ticket.sudo(), self.portal_user
        self.assertFalse(ticket._portal_can_follow_up(user), "open ticket")
        self.ticket.stage_id = self.stage_done
        self.assertTrue(ticket._portal_can_follow_up(user))
        public = self.env.ref("base.public_user")
        self.assertFalse(ticket._portal_can_follow_up(public))
        values = ticket._portal_follow_up_form()
        self.assertEqual(values["team_id"], str(self.team.id))
        self.assertIn(self.ticket.ticket_ref, values["description"])
        self.team.use_portal_submission = False
        self.assertFalse(ticket._portal_can_follow_up(user), "team closed to portal")

    def test_portal_submit_ticket_gives_every_reason(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.portal_user)
        self.other_team.use_portal_submission = False
        count = Ticket.sudo().search_count([])
        form = {
            "team_id": str(self.other_team.id),
            "subject": "",
            "description": "x" * 20001,
        }
        files = [("tool.exe", b"MZ\x90\x00")] + [("a.txt", b"a")] * 10
        with self.assertRaises(PortalFormError) as refused:
            Ticket._portal_submit_ticket(form, files)
        errors = "\n".join(refused.exception.errors)
        for reason in ("choose a team", "subject", "description", "10 files"):
            self.assertIn(reason, errors)
        self.assertIn("tool.exe", errors)
        self.assertEqual(Ticket.sudo().search_count([]), count)
        ticket = Ticket._portal_submit_ticket(
            {"team_id": str(self.team.id), "subject": "Jammed", "priority": "3"},
            [("notes.txt", b"notes")],
            origin=self.ticket,
        )
        self.assertEqual(ticket.partner_id, self.alice)
        self.assertEqual(ticket.origin_ticket_id, self.ticket)
        self.assertEqual(ticket.priority, "0", "the team does not allow priorities")
        self.assertEqual(
            ticket.message_ids.attachment_ids.mapped("name"), ["notes.txt"]
        )

    def test_portal_submit_public_ticket_needs_public_form(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.env.ref("base.public_user"))
        form = {"contact_name": "Zoe", "email": "zoe@new.example.com", "subject": "Hi"}
        with self.assertRaises(UserError):
            Ticket._portal_submit_public_ticket(self.other_team.sudo(), form)
        with self.assertRaises(PortalFormError) as refused:
            Ticket._portal_submit_public_ticket(self.team.sudo(), dict(form, email=""))
        self.assertEqual(len(refused.exception.errors), 1)
        ticket = Ticket._portal_submit_public_ticket(self.team.sudo(), form)
        self.assertEqual(ticket.partner_id.email, "zoe@new.example.com")
        self.assertFalse(ticket.partner_id.user_ids)

    def test_reopen_window(self):
        with self._now(datetime(2027, 1, 4, 10, 0)):
            self.ticket.stage_id = self.stage_done
            self.env.flush_all()
        self.assertEqual(self.ticket.date_closed, datetime(2027, 1, 4, 10, 0))
        with self._now(datetime(2027, 1, 11, 10, 0)):
            self.assertTrue(self.ticket._can_reopen())
        with self._now(datetime(2027, 1, 11, 10, 1)):
            self.assertFalse(self.ticket._can_reopen())
        self.team.reopen_days = 0
        with self._now(datetime(2027, 1, 5, 10, 0)):
            self.assertFalse(self.ticket._can_reopen())

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

    # ------------------------------------------------------------------ customer
    def test_customer_change_rotates_token(self):
        other = self.env["helpdesk.ticket"].create(
            {"name": "Paper jam", "team_id": self.team.id, "partner_id": self.alice.id}
        )
        tickets = self.ticket | other
        tokens = [ticket._portal_ensure_token() for ticket in tickets]
        tickets.with_user(self.manager).write({"partner_id": self.alice.id})
        self.assertEqual(tickets.mapped("access_token"), tokens, "same customer")
        vals = {"partner_id": self.stranger.partner_id.id}
        self.ticket.with_user(self.manager).write(vals)
        self.assertEqual(vals, {"partner_id": self.stranger.partner_id.id})
        self.assertNotEqual(self.ticket.access_token, tokens[0])
        self.assertEqual(other.access_token, tokens[1])
        new_token = self.ticket._portal_ensure_token()
        self.assertTrue(new_token)
        self.assertNotEqual(new_token, tokens[0])
        self.assertIn(new_token, self.ticket.get_portal_url())

    def test_partner_for_anonymous_never_an_account(self):
        Ticket = self.env["helpdesk.ticket"]
        Partner = self.env["res.partner"]
        archived = new_test_user(
            self.env,
            "hd_portal_gone",
            email="gone@example.com",
            groups="base.group_portal",
        )
        archived.active = False
        archived.partner_id.active = True
        billing = Partner.create(
            {
                "name": "Acme Billing",
                "email": "billing@acme.example.com",
                "parent_id": self.company_partner.id,
            }
        )
        self.env.company.partner_id.email = "info@company.example.com"
        accounts = {
            "alice@acme.example.com": self.alice,
            "agent@example.com": self.agent.partner_id,
            "gone@example.com": archived.partner_id,
            "billing@acme.example.com": billing,
            "info@company.example.com": self.env.company.partner_id,
        }
        for email, account in accounts.items():
            with self.subTest(email=email):
                partner = Ticket._portal_partner_for_anonymous(email.upper(), "Mallory")
                self.assertNotEqual(partner, account)
                self.assertEqual(partner.email, email)
                self.assertEqual(partner.name, "Mallory")
                self.assertFalse(partner.with_context(active_test=False).user_ids)
                self.assertFalse(partner.parent_id)
        # a contact without an account, in no company with accounts, is reused
        self.assertEqual(
            Ticket._portal_partner_for_anonymous("CUSTOMER@example.com"), self.customer
        )
        partner = Ticket._portal_partner_for_anonymous("new@example.com")
        self.assertEqual(partner.name, "new@example.com")
        with self.assertRaises(UserError):
            Ticket._portal_partner_for_anonymous("not an address")

    # ------------------------------------------------------------------ rating
    def test_only_customer_rates(self):
        follower = self.stranger.partner_id
        self.ticket.message_subscribe(partner_ids=follower.ids)
        self.assertFalse(self.ticket._portal_can_rate(self.alice), "open ticket")
        self.ticket.stage_id = self.stage_done
        self.assertFalse(self.ticket._portal_can_rate(follower))
        with self.assertRaises(UserError):
            self.ticket._portal_rate(follower, 1)
        self.assertTrue(self.ticket._portal_can_rate(self.alice))
        for rate, feedback in ((4, ""), (5, "ok\x00"), (5, "x" * 2001)):
            with self.subTest(rate=rate, feedback=feedback[:5]):
                with self.assertRaises(UserError):
                    self.ticket._portal_rate(self.alice, rate, feedback)
        rating = self.ticket._portal_rate(self.alice, 5, "Fine\nthanks")
        self.assertEqual(rating.partner_id, self.alice)
        self.assertEqual(rating.feedback, "Fine\nthanks")
        self.assertFalse(self.ticket._portal_can_rate(self.alice), "rated once")

    def test_last_rating_without_query_for_new_tickets(self):
        """A new ticket's last rating is 0 without reading the ratings; a rating
        given later, in the same transaction too, is its last rating."""
        queries = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            ticket = self._create_tickets(1, partner_id=self.alice.id)
            self.env.flush_all()
        self.assertFalse([q for q in queries if "rating_rating" in q])
        self.assertEqual(ticket.rating_last_value, 0)
        ticket.stage_id = self.stage_done
        ticket._portal_rate(self.alice, 1, "Too slow")
        self.env.flush_all()
        self.assertEqual(ticket.rating_last_value, 1)

    # ------------------------------------------------------------------ input
    def test_text_checks(self):
        Ticket = self.env["helpdesk.ticket"]
        self.assertFalse(Ticket._portal_check_text("Printer \u00e9 \U0001f525", "S"))
        self.assertFalse(Ticket._portal_check_text("a\tb\r\nc", "D", multiline=True))
        for value, multiline in (
            ("a\x00b", True),
            ("a\x0cb", True),
            ("a\x7fb", True),
            ("a\x85b", True),
            ("a\nb", False),
            ("a\tb", False),
        ):
            with self.subTest(value=value, multiline=multiline):
                error = Ticket._portal_check_text(value, "Subject", multiline)
                self.assertIn("control characters", error)
                self.assertIn("Subject", error)
                self.assertEqual(Ticket._portal_clean_text(value, multiline), "ab")

    def test_email_checks(self):
        Ticket = self.env["helpdesk.ticket"]
        # RFC 5321: 64 characters before the @, 255 after it, 254 in all
        domain = f"{'a' * 63}.{'b' * 63}.{'c' * 57}.com"
        self.assertEqual(len(domain), 189)
        longest = f"{'l' * 64}@{domain}"
        self.assertEqual(len(longest), 254)
        self.assertEqual(Ticket._portal_check_email(longest, "E"), (longest, False))
        self.assertEqual(
            Ticket._portal_check_email(" Bob@Example.com ", "E"),
            ("bob@example.com", False),
        )
        for value, message in (
            (f"{'l' * 65}@example.com", "too long"),
            (f"{'l' * 64}@{domain}x", "too long"),
            ("a" * 5000 + "@example.com", "too long"),
            ("bob@" + "d" * 300 + ".com", "too long"),
            ("bob\x00@example.com", "control characters"),
            ("bob@example.com\r\nBcc: eve@example.com", "control characters"),
            ("not an address", "valid e-mail"),
            ("a@example.com, b@example.com", "valid e-mail"),
            ("", "valid e-mail"),
        ):
            with self.subTest(value=value[:30]):
                email, error = Ticket._portal_check_email(value, "E")
                self.assertFalse(email)
                self.assertIn(message, error)

    def test_text_to_html_makes_no_link(self):
        html = self.env["helpdesk.ticket"]._portal_text_to_html(
            "<b>Hi</b> see https://evil.example.com/login\nnow\n\nBye"
        )
        self.assertNotIn("<a", html)
        self.assertNotIn("<b>", html)
        self.assertIn("&lt;b&gt;Hi&lt;/b&gt; see https://evil.example.com/login", html)
        self.assertEqual(html.count("<p>"), 2)
        self.assertIn("<br/>now", html)
        self.assertFalse(self.env["helpdesk.ticket"]._portal_text_to_html(""))

    # ------------------------------------------------------------------ team
    def test_team_enterprise_field_names(self):
        Team = self.env["helpdesk.team"].with_user(self.manager)
        team = Team.create(
            {"name": "Aliased", "use_rating": False, "use_website_helpdesk_form": True}
        )
        self.assertFalse(team.use_portal_rating)
        self.assertTrue(team.use_public_form)
        self.assertEqual(
            team.read(["use_rating", "use_website_helpdesk_form"])[0],
            {"id": team.id, "use_rating": False, "use_website_helpdesk_form": True},
        )
        team.write({"use_rating": True, "use_website_helpdesk_form": False})
        self.assertTrue(team.use_portal_rating)
        self.assertFalse(team.use_public_form)
        team.use_portal_rating = False
        self.assertFalse(team.use_rating)
        self.assertEqual(
            Team.search([("use_rating", "=", False), ("id", "=", team.id)]), team
        )
        public_teams = Team.search([("use_website_helpdesk_form", "=", True)])
        self.assertIn(self.team, public_teams)
        self.assertNotIn(team, public_teams)
        self.assertEqual(
            Team.search_count([("use_website_helpdesk_form", "=", True)]),
            Team.search_count([("use_public_form", "=", True)]),
        )

    def test_team_lists_its_closing_stages_for_customers(self):
        self.assertEqual(self.team.portal_closing_stage_ids, self.stage_done)
        self.stage_cancelled.is_customer_closable = True
        self.assertEqual(
            self.team.portal_closing_stage_ids, self.stage_done | self.stage_cancelled
        )
