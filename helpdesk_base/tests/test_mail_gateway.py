# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast
import logging
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskMailCase

GATEWAY_LOGGER = "odoo.addons.helpdesk_base.models.helpdesk_ticket"


@tagged("post_install", "-at_install")
class TestMailGateway(HelpdeskMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ack_template = cls.env["mail.template"].create(
            {
                "name": "T Ticket received",
                "model_id": cls.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "We received {{ object.ticket_ref }}",
                "body_html": "<p>Received <t t-out='object.name'/></p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )

    def _tickets(self):
        return self.env["helpdesk.ticket"].search([("team_id", "=", self.team.id)])

    def _acknowledgements(self, ticket):
        return self.env["mail.mail"].search(
            [("subject", "=", f"We received {ticket.ticket_ref}")]
        )

    def _team_notes(self):
        self.team.invalidate_recordset(["message_ids"])
        return self.team.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_note")
        )

    def _raw_bytes(self, subject, email_from, charset, body="Не печатает"):
        """A mail with raw 8-bit headers in ``charset``, as Russian clients send."""
        return (
            f"From: {email_from}\r\n"
            f"To: {self.team_address}\r\n"
            f"Subject: {subject}\r\n"
            "Message-ID: <8bit@customer.example.ru>\r\n"
            "MIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset={charset}\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n"
            f"{body}\r\n"
        ).encode(charset)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_new_ticket_from_mail(self):
        self._process(
            self._raw_mail(subject="Принтер не печатает", body="Совсем не печатает")
        )
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "Принтер не печатает")
        self.assertIn("Совсем не печатает", str(ticket.description))
        self.assertEqual(ticket.partner_id, self.customer, "known sender is recognised")
        self.assertEqual(ticket.stage_id, self.stage_new)
        self.assertIn(self.customer, ticket.message_partner_ids)
        self.assertEqual(ticket.message_ids[-1].author_id, self.customer)
        self.assertEqual(ticket.medium_id, self.env.ref("utm.utm_medium_email"))

    def test_backfill_medium_of_tickets_from_mail(self):
        """Tickets opened by e-mail before the base recorded the channel get it
        (migration); others are left alone."""
        self._process(self._raw_mail(subject="Old mail ticket"))
        by_mail = self._tickets()
        by_hand = self._create_tickets(1)
        phone = self.env.ref("utm.utm_medium_phone")
        by_phone = self._create_tickets(1, medium_id=phone.id)
        (by_mail | by_hand).medium_id = False
        self.env["helpdesk.ticket"]._backfill_medium()
        self.assertEqual(by_mail.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertFalse(by_hand.medium_id)
        self.assertEqual(by_phone.medium_id, phone)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_unknown_sender_creates_partner(self):
        self._process(self._raw_mail(email_from="Олена Коваль <olena@example.ua>"))
        ticket = self._tickets()
        self.assertEqual(ticket.partner_id.email_normalized, "olena@example.ua")
        self.assertEqual(ticket.partner_id.name, "Олена Коваль")
        self.assertEqual(ticket.partner_email, "olena@example.ua")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_reply_threads_into_ticket(self):
        first_id = "<first-message@customer.example.com>"
        self._process(self._raw_mail(msg_id=first_id))
        ticket = self._tickets()
        self._process(
            self._raw_mail(
                subject="Re: Printer is broken", body="Any news?", in_reply_to=first_id
            )
        )
        self.assertEqual(self._tickets(), ticket, "the reply created no new ticket")
        self.assertIn("Any news?", ticket.message_ids[0].body)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_cc_subscribed(self):
        self._process(
            self._raw_mail(cc="Boss <boss@example.com>, colleague@example.com")
        )
        ticket = self._tickets()
        followers = ticket.message_partner_ids.mapped("email_normalized")
        self.assertIn("boss@example.com", followers)
        self.assertIn("colleague@example.com", followers)
        self.assertIn("boss@example.com", ticket.email_cc)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_robot_mail_opens_no_ticket_and_is_shown_to_admins(self):
        for header in (
            "Auto-Submitted: auto-replied",
            "Auto-Submitted: auto-generated",
            "X-Autoreply: yes",
            "X-Autorespond: vacation",
            "Precedence: auto_reply",
            "Precedence: bulk",
            "Precedence: junk",
        ):
            with self.subTest(header=header):
                subject = f"Out of office ({header})"
                with self.assertLogs(GATEWAY_LOGGER, logging.INFO) as logs:
                    self._process(self._raw_mail(subject=subject, extra_headers=header))
                self.assertFalse(self._tickets())
                self.assertIn("opened no ticket", logs.output[0])
                note = self._team_notes().filtered(lambda m, s=subject: s in m.body)
                self.assertEqual(len(note), 1, "the team's chatter shows the mail")
                self.assertIn("customer@example.com", note.body)
                self.assertEqual(note.attachment_ids.name, "original_email.eml")
                self.assertIn(
                    subject.encode(), note.attachment_ids.raw, "the original is kept"
                )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_delivery_report_opens_no_ticket(self):
        raw = (
            "From: MAILER-DAEMON@mx.customer.example.com\r\n"
            f"To: {self.team_address}\r\n"
            "Subject: Undelivered Mail Returned to Sender\r\n"
            "Message-ID: <dsn@mx.customer.example.com>\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="B"'
            "\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nMailbox full\r\n"
            "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
            "Reporting-MTA: dns; mx.customer.example.com\r\n\r\n"
            "Final-Recipient: rfc822; nobody@customer.example.com\r\n"
            "Action: failed\r\nStatus: 5.2.2\r\n\r\n--B--\r\n"
        )
        self._process(raw)
        self.assertFalse(self._tickets())

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_people_asking_for_no_auto_answer_get_a_ticket_and_no_ack(self):
        self.stage_new.template_id = self.ack_template
        self._process(self._raw_mail(subject="Ordinary mail"))
        self._flush_tracking()
        self.assertEqual(
            len(self._acknowledgements(self._tickets())), 1, "ordinary mail: ack"
        )
        for index, header in enumerate(
            (
                "X-Auto-Response-Suppress: All",
                "X-Auto-Response-Suppress: OOF, AutoReply",
                "Precedence: list\r\nList-Id: Staff <staff.customer.example.com>",
                "List-Id: <staff.customer.example.com>",
            )
        ):
            with self.subTest(header=header):
                subject = f"Printer is broken {index}"
                self._process(
                    self._raw_mail(
                        subject=subject,
                        cc="boss@example.com",
                        extra_headers=header,
                    )
                )
                self._flush_tracking()
                ticket = self._tickets().filtered(lambda t, s=subject: t.name == s)
                self.assertEqual(len(ticket), 1, "a person wrote it: a ticket")
                self.assertEqual(ticket.partner_id, self.customer)
                self.assertIn(
                    "boss@example.com",
                    ticket.message_partner_ids.mapped("email_normalized"),
                )
                self.assertFalse(self._acknowledgements(ticket), "no automatic answer")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_automatic_mails_are_marked_auto_submitted(self):
        self.stage_new.template_id = self.ack_template
        self.stage_progress.template_id = self.ack_template.copy(
            {"subject": "On it: {{ object.ticket_ref }}"}
        )
        self._process(self._raw_mail())
        self._flush_tracking()
        ticket = self._tickets()
        ticket.with_user(self.agent).stage_id = self.stage_progress
        self._flush_tracking()
        ticket.with_user(self.agent).message_post(
            body="Please restart it",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        mails = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        headers = {mail: ast.literal_eval(mail.headers or "{}") for mail in mails}
        for subject in (
            f"We received {ticket.ticket_ref}",
            f"On it: {ticket.ticket_ref}",
        ):
            mail = mails.filtered(lambda m, s=subject: m.subject == s)
            self.assertEqual(len(mail), 1)
            self.assertEqual(headers[mail].get("Auto-Submitted"), "auto-replied")
            self.assertIn("AutoReply", headers[mail]["X-Auto-Response-Suppress"])
        reply = mails.filtered(lambda m: "Please restart it" in m.mail_message_id.body)
        self.assertEqual(len(reply), 1)
        self.assertNotIn("Auto-Submitted", headers[reply], "people's answers are not")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_subject_reference_threads_into_ticket(self):
        self._process(self._raw_mail(cc="colleague@example.com"))
        ticket = self._tickets()
        ref = ticket.ticket_ref
        for sender, subject in (
            ("customer@example.com", f"Re: Printer is broken [{ref}]"),
            ("Customer Co <customer@example.com>", f"RE: Printer is broken (#{ref})"),
            ("colleague@example.com", f"Fwd: #{ref} still broken"),
        ):
            with self.subTest(subject=subject):
                self._process(
                    self._raw_mail(subject=subject, email_from=sender, body=subject)
                )
                self.assertEqual(self._tickets(), ticket, "no duplicate ticket")
                self.assertIn(subject, ticket.message_ids[0].body)
        # a robot answering with the reference is logged on the ticket
        self._process(
            self._raw_mail(
                subject=f"Automatic reply: Printer is broken [{ref}]",
                body="I am out of office",
                extra_headers="Auto-Submitted: auto-replied",
            )
        )
        self.assertEqual(self._tickets(), ticket)
        self.assertIn("out of office", ticket.message_ids[0].body)
        # someone else naming the ticket opens their own
        self._process(
            self._raw_mail(
                subject=f"Re: Printer is broken [{ref}]",
                email_from="stranger@example.org",
            )
        )
        other = self._tickets() - ticket
        self.assertEqual(len(other), 1)
        self.assertEqual(other.partner_id.email_normalized, "stranger@example.org")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_subject_reference_of_merged_ticket(self):
        source, target = self._create_tickets(2)
        source.write({"active": False, "merged_into_id": target.id})
        self._process(
            self._raw_mail(subject=f"Re: Ticket 0 [{source.ticket_ref}]", body="More")
        )
        self.assertEqual(self._tickets(), target, "no new ticket")
        self.assertIn("More", target.message_ids[0].body)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_8bit_headers_koi8r(self):
        self._process(
            self._raw_bytes(
                "Принтер не работает", '"Иван Петров" <ivan@example.ru>', "koi8-r"
            )
        )
        ticket = self._tickets()
        self.assertEqual(ticket.name, "Принтер не работает")
        self.assertEqual(ticket.partner_id.name, "Иван Петров")
        self.assertEqual(ticket.message_ids[-1].subject, "Принтер не работает")
        self.assertIn("Не печатает", ticket.message_ids[-1].body)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_8bit_headers_cp1251_detected(self):
        raw = self._raw_bytes(
            "Не печатает принтер", '"Ольга Смирнова" <olga@example.ru>', "cp1251"
        ).replace(b"charset=cp1251", b"charset=us-ascii")  # the text part lies
        self._process(raw)
        ticket = self._tickets()
        self.assertEqual(ticket.name, "Не печатает принтер")
        self.assertEqual(ticket.partner_id.name, "Ольга Смирнова")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_own_addresses_open_no_ticket(self):
        other_team = self.env["helpdesk.team"].create(
            {
                "name": "T Sales",
                "alias_name": "hd-sales",
                "alias_domain_id": self.alias_domain.id,
            }
        )
        self.env["ir.config_parameter"].set_param(
            "mail.default.from", "noreply@ourcompany.example.com"
        )
        for sender in (
            self.team_address,
            other_team.alias_email,
            "Notifications <notifications@helpdesk.example.com>",
            "catchall@helpdesk.example.com",
            "noreply@ourcompany.example.com",
        ):
            with self.subTest(sender=sender):
                with self.assertLogs(GATEWAY_LOGGER, logging.WARNING) as logs:
                    self._process(self._raw_mail(email_from=sender))
                self.assertIn("an address of this database", logs.output[0])
                self.assertFalse(self._tickets())
        with self.assertLogs(GATEWAY_LOGGER, logging.WARNING):
            result = (
                self.env["mail.thread"]
                .sudo()
                .message_process(
                    "helpdesk.ticket",
                    self._raw_mail(
                        email_from="notifications@helpdesk.example.com",
                        to="helpdesk@ourcompany.example.com",
                    ),
                )
            )
        self.assertFalse(result, "a fallback route is dropped too, without error")
        self.assertFalse(
            self.env["helpdesk.ticket"].search(
                [("partner_email", "ilike", "helpdesk.example.com")]
            )
        )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_robot_on_fallback_route_opens_no_ticket(self):
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        with self.assertLogs(GATEWAY_LOGGER, logging.INFO):
            self.env["mail.thread"].sudo().message_process(
                "helpdesk.ticket",
                self._raw_mail(
                    subject="Vacation",
                    to="helpdesk@ourcompany.example.com",
                    extra_headers="Auto-Submitted: auto-replied",
                ),
            )
        self.assertEqual(Ticket.search_count([]), before)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_malformed_mail_does_not_crash(self):
        raw = (
            "From: \r\nTo: support@helpdesk.example.com\r\n"
            "Content-Type: text/plain; charset=unknown-8bit-charset\r\n\r\n"
            "\xff\xfe garbage \x00"
        )
        self._process(raw)
        ticket = self._tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.name, "(no subject)")
        self.assertFalse(ticket.partner_id)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_other_models_mail_as_core(self):
        """Mails routed to another model get none of the helpdesk's treatment."""
        Partner = self.env["res.partner"]
        contexts = []
        message_new = type(Partner).message_new

        def spy(model, msg_dict, custom_values=None):
            contexts.append(dict(model.env.context))
            return message_new(model, msg_dict, custom_values=custom_values)

        elsewhere = "crm@ourcompany.example.com"
        with patch.object(type(Partner), "message_new", spy):
            self.env["mail.thread"].sudo().message_process(
                "res.partner",
                self._raw_mail(
                    email_from="robot@example.org",
                    to=elsewhere,
                    extra_headers="Auto-Submitted: auto-replied",
                ),
            )
        self.assertEqual(len(contexts), 1, "core routes robots to other models")
        self.assertFalse(
            {"helpdesk_auto_reply", "helpdesk_robot_mail"} & set(contexts[0])
        )
        raw = self._raw_bytes(
            "Принтер не работает", "<ivan@example.ru>", "koi8-r"
        ).replace(self.team_address.encode(), elsewhere.encode())
        self.env["mail.thread"].sudo().message_process("res.partner", raw)
        partner = Partner.search([("email", "=", "ivan@example.ru")])
        self.assertIn("\ufffd", partner.name, "core's decoding, not the helpdesk's")
        raw = (
            f"From: someone@example.org\r\nTo: {elsewhere}\r\n"
            "Content-Type: text/plain; charset=unknown-8bit-charset\r\n\r\nx"
        )
        with self.assertRaises(LookupError):
            self.env["mail.thread"].sudo().message_process("res.partner", raw)
