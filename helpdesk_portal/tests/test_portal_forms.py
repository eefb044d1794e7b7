# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from .common import HelpdeskPortalHttpCase

PUBLIC_FORM = {
    "contact_name": "Zoe New",
    "email": "zoe@new.example.com",
    "subject": "Cannot log in",
    "description": "Since Monday",
}


@tagged("post_install", "-at_install")
class TestPortalForms(HelpdeskPortalHttpCase):
    """What the portal's forms accept: who the customer is, which texts, how often,
    and how many e-mails a submission sends."""

    def _counts(self):
        return (
            self.env["helpdesk.ticket"].search_count([]),
            self.env["res.partner"].with_context(active_test=False).search_count([]),
            self.env["helpdesk.portal.submission"].search_count([]),
            self.env["rating.rating"].search_count([("consumed", "=", True)]),
            len(self.ticket.message_partner_ids),
        )

    def _set_limits(self, count, anonymous_count):
        params = self.env["ir.config_parameter"]
        params.set_param("helpdesk_portal.rate_limit_count", count)
        params.set_param("helpdesk_portal.rate_limit_anonymous_count", anonymous_count)

    def _created(self, name):
        return self.env["helpdesk.ticket"].search([("name", "=", name)])

    def _mails_to(self, ticket, partner):
        return (
            self.env["mail.mail"]
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .filtered(lambda mail: partner in mail.recipient_ids)
        )

    # ------------------------------------------------------------------ customer
    def test_public_form_never_reaches_an_account(self):
        for email in ("alice@acme.example.com", "agent@example.com"):
            with self.subTest(email=email):
                self._public_post(
                    {
                        "contact_name": "Mallory",
                        "email": email,
                        "subject": f"Spoof {email}",
                        "description": "Log in at https://evil.example.com/login",
                    }
                )
                ticket = self._created(f"Spoof {email}")
                self.assertEqual(len(ticket), 1)
                self.assertNotIn(ticket.partner_id, self.alice | self.agent.partner_id)
                self.assertFalse(ticket.partner_id.user_ids)
                self.assertEqual(ticket.partner_id.email, email)
                self.assertEqual(ticket.partner_email, email)
                self.assertFalse(self._tickets_as(self.portal_user, ticket))
                self.assertNotIn("<a", ticket.description)
                self.assertIn("https://evil.example.com/login", ticket.description)
        self.assertNotIn(
            self.alice,
            self._created("Spoof alice@acme.example.com").message_partner_ids,
        )
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        self.assertNotIn("Spoof", self.url_open("/my/tickets?filterby=all").text)

    def test_public_form_signed_in_keeps_own_email(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        page = self.url_open(f"/helpdesk/{self.team.id}").text
        self.assertIn("o_helpdesk_public_form_signed_in", page)
        self.assertIn("alice@acme.example.com", page)
        self.assertNotIn('name="email"', page)
        self._public_post(
            {
                "contact_name": "Mallory",
                "email": "mallory@evil.example.com",
                "subject": "Signed in",
            }
        )
        ticket = self._created("Signed in")
        self.assertEqual(ticket.partner_id, self.alice)
        self.assertEqual(ticket.partner_email, "alice@acme.example.com")
        self.assertEqual(ticket.partner_name, "Alice Acme")
        self.assertFalse(
            self.env["res.partner"].search(
                [("email_normalized", "=", "mallory@evil.example.com")]
            )
        )

    # ------------------------------------------------------------------ e-mails
    def test_public_form_sends_one_acknowledgement(self):
        self.stage_new.template_id = self.env.ref(
            "helpdesk_base.mail_template_ticket_received"
        )
        self._public_post(dict(PUBLIC_FORM, subject="Once"))
        self._flush_tracking()
        ticket = self._created("Once")
        mails = self._mails_to(ticket, ticket.partner_id)
        self.assertEqual(len(mails), 1, mails.mapped("subject"))
        self.assertIn(ticket.access_token, mails.body_html)
        self.assertEqual(mails.state, "outgoing", "queued, not sent in the request")
        self.assertIn("auto-replied", mails.headers or "", "RFC 3834 header")
        # tickets created otherwise are still greeted by the first stage's template
        other = self.env["helpdesk.ticket"].create(
            {"name": "By mail", "team_id": self.team.id, "partner_id": self.customer.id}
        )
        self._flush_tracking()
        mails = self._mails_to(other, self.customer)
        self.assertEqual(len(mails), 1)
        self.assertIn("We received your request", mails.body_html)
        # without the portal's acknowledgement, the first stage's template greets
        self.env.ref("helpdesk_portal.mail_template_ticket_portal_ack").unlink()
        self._public_post(dict(PUBLIC_FORM, subject="Without ack"))
        self._flush_tracking()
        ticket = self._created("Without ack")
        mails = self._mails_to(ticket, ticket.partner_id)
        self.assertEqual(
            mails.mapped("subject"), [f"Without ack [{ticket.ticket_ref}]"]
        )

    def test_public_form_reload_sends_nothing_again(self):
        """Post/redirect/get: the thank-you page is a GET; reloading it creates no
        second ticket and sends no second acknowledgement."""
        res = self._public_post(dict(PUBLIC_FORM, subject="Only once"))
        self.assertEqual(res.status_code, 200)
        self.assertTrue(res.url.endswith(f"/helpdesk/{self.team.id}/thanks"), res.url)
        ticket = self._created("Only once")
        self.assertEqual(len(ticket), 1)
        self.assertIn(ticket.ticket_ref, res.text)
        before = self._counts()
        again = self.url_open(res.url)
        self.assertEqual(again.status_code, 200)
        self.assertIn(ticket.ticket_ref, again.text)
        self.assertEqual(self._counts(), before)

    # ------------------------------------------------------------------ input
    def test_public_form_refuses_control_characters(self):
        before = self._counts()
        for field, value in PUBLIC_FORM.items():
            with self.subTest(field=field):
                data = dict(PUBLIC_FORM, **{field: f"{value[:3]}\x00{value[3:]}"})
                res = self._public_post(data)
                self.assertEqual(res.status_code, 200)
                self.assertIn("o_helpdesk_portal_errors", res.text)
                self.assertIn("control characters", res.text)
                self.assertNotIn("\x00", res.text)
                for kept in PUBLIC_FORM.values():
                    self.assertIn(kept, res.text)
        self.assertEqual(self._counts(), before)

    def test_public_form_refuses_long_email(self):
        before = self._counts()
        for email in ("a" * 5000 + "@example.com", "l" * 65 + "@example.com"):
            with self.subTest(length=len(email)):
                res = self._public_post(dict(PUBLIC_FORM, email=email))
                self.assertEqual(res.status_code, 200)
                self.assertIn("The e-mail address is too long", res.text)
                self.assertIn("Cannot log in", res.text)
        self.assertEqual(self._counts(), before)

    def test_portal_forms_refuse_control_characters(self):
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        before = self._counts()
        form = {"team_id": self.team.id, "subject": "Printer", "description": "Smoke"}
        for field in ("subject", "description"):
            with self.subTest(field=field):
                data = dict(form, **{field: f"{form[field]}\x00!"})
                res = self._post("/my/tickets/new", data)
                self.assertEqual(res.status_code, 200)
                self.assertIn("control characters", res.text)
                self.assertIn(f"{form[field]}!", res.text)
        res = self._post(
            self._ticket_url(suffix="/followers"),
            {"email": "eve@other\x00.example.com"},
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("control characters", res.text)
        self.assertIn("eve@other.example.com", res.text)
        res = self._post(
            self._ticket_url(suffix="/followers"), {"email": "l" * 65 + "@example.com"}
        )
        self.assertIn("The e-mail address is too long", res.text)
        self.ticket.stage_id = self.stage_done
        res = self._post(
            self._ticket_url(suffix="/rate"),
            {"rate": 5, "feedback": "Quick\x00 and kind"},
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("control characters", res.text)
        self.assertIn("Quick and kind", res.text)
        self.assertEqual(self._counts(), before)
        # the address of an action opened again (GET) leads back to the ticket
        for suffix in ("/followers", "/rate", "/close", "/reopen"):
            res = self.url_open(self._ticket_url(suffix=suffix))
            self.assertEqual(res.status_code, 200, suffix)
            self.assertTrue(
                res.url.split("?")[0].endswith(f"/my/tickets/{self.ticket.id}")
            )
        res = self.url_open("/my/tickets?search=Print%00er&filterby=all")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Printer on fire", res.text)

    # ------------------------------------------------------------------ rate limits
    def test_visitors_do_not_block_signed_in_customers(self):
        """Every request comes from 127.0.0.1: an office behind one address."""
        self._set_limits(2, 3)
        for index in range(4):
            res = self._public_post(
                dict(
                    PUBLIC_FORM, email=f"v{index}@nat.example.com", subject=f"V{index}"
                )
            )
        self.assertEqual(len(self._created("V0") | self._created("V1")), 2)
        self.assertTrue(self._created("V2"), "the visitors' threshold is higher")
        self.assertFalse(self._created("V3"))
        self.assertIn("You sent many requests", res.text)
        for login, partner in (
            ("hd_portal_alice", self.alice),
            ("hd_portal_bob", self.colleague.partner_id),
        ):
            self.authenticate(login, login)
            for index in range(3):
                res = self._post(
                    "/my/tickets/new",
                    {"team_id": self.team.id, "subject": f"{login} {index}"},
                )
            with self.subTest(login=login):
                created = self.env["helpdesk.ticket"].search(
                    [("name", "=like", f"{login} %")]
                )
                self.assertEqual(len(created), 2, "limited per user")
                self.assertEqual(created.partner_id, partner)
                self.assertIn("You sent many requests", res.text)
                self.assertIn(f"{login} 2", res.text, "the form is kept")
        # the signed-in customers' submissions do not count for the visitors' address
        self.authenticate(None, None)
        self._set_limits(2, 4)
        self._public_post(dict(PUBLIC_FORM, email="v9@nat.example.com", subject="V9"))
        self.assertTrue(self._created("V9"))

    def test_visitor_limited_per_email(self):
        self._set_limits(2, 10)
        for index in range(3):
            res = self._public_post(dict(PUBLIC_FORM, subject=f"Same {index}"))
        self.assertEqual(
            len(self.env["helpdesk.ticket"].search([("name", "=like", "Same %")])), 2
        )
        self.assertIn("You sent many requests", res.text)
        self._public_post(
            dict(PUBLIC_FORM, email="other@new.example.com", subject="Other")
        )
        self.assertTrue(self._created("Other"))
        # a disabled limit lets everything through
        self._set_limits(0, 0)
        self._public_post(dict(PUBLIC_FORM, subject="Same 9"))
        self.assertTrue(self._created("Same 9"))
