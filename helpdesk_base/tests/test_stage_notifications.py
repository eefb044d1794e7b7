# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import HelpdeskMailCase


@tagged("post_install", "-at_install")
class TestStageNotifications(HelpdeskMailCase, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        model = cls.env["ir.model"]._get("helpdesk.ticket")
        cls.mail_template = cls.env["mail.template"].create(
            {
                "name": "Ticket in progress",
                "model_id": model.id,
                "subject": "We are on it: {{ object.ticket_ref }}",
                "body_html": "<p>Working on <t t-out='object.name'/></p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        cls.sms_template = cls.env["sms.template"].create(
            {
                "name": "Ticket in progress",
                "model_id": model.id,
                "body": "On it: {{ object.ticket_ref }}",
            }
        )
        cls.stage_progress.write(
            {
                "template_id": cls.mail_template.id,
                "sms_template_id": cls.sms_template.id,
            }
        )

    def _stage_mails(self, ticket):
        return self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("subject", "=", f"We are on it: {ticket.ticket_ref}"),
            ]
        )

    def _stage_sms(self, ticket):
        return self.env["sms.sms"].search(
            [
                ("body", "=", f"On it: {ticket.ticket_ref}"),
                ("partner_id", "=", self.customer.id),
            ]
        )

    def test_sent_once_per_stage_entry(self):
        ticket = self._create_tickets(1)
        self._flush_tracking()
        self.assertFalse(self._stage_mails(ticket))
        self.assertFalse(self._stage_sms(ticket))
        ticket.stage_id = self.stage_progress
        self._flush_tracking()
        self.assertEqual(len(self._stage_mails(ticket)), 1)
        self.assertEqual(len(self._stage_sms(ticket)), 1)
        self.assertIn(self.customer, self._stage_mails(ticket).partner_ids)
        # writing the same stage again is no entry
        ticket.write({"stage_id": self.stage_progress.id, "priority": "2"})
        self._flush_tracking()
        self.assertEqual(len(self._stage_mails(ticket)), 1)
        self.assertEqual(len(self._stage_sms(ticket)), 1)
        # leaving and entering again is a new entry
        ticket.stage_id = self.stage_new
        self._flush_tracking()
        ticket.stage_id = self.stage_progress
        self._flush_tracking()
        self.assertEqual(len(self._stage_mails(ticket)), 2)
        self.assertEqual(len(self._stage_sms(ticket)), 2)

    def test_sent_when_created_in_stage(self):
        ticket = self._create_tickets(1, stage_id=self.stage_progress.id)
        self._flush_tracking()
        self.assertEqual(len(self._stage_mails(ticket)), 1)
        self.assertEqual(len(self._stage_sms(ticket)), 1)

    def test_not_sent_for_auto_replies(self):
        ticket = self._create_tickets(1)
        self._flush_tracking()
        ticket.with_context(helpdesk_auto_reply=True).stage_id = self.stage_progress
        self._flush_tracking()
        self.assertFalse(self._stage_mails(ticket))
        self.assertFalse(self._stage_sms(ticket))

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_auto_reply_mail_sends_nothing(self):
        self.team.stage_ids = (
            self.stage_progress | self.stage_done
        )  # new tickets start in progress
        self._process(self._raw_mail(extra_headers="Auto-Submitted: auto-replied"))
        self.assertFalse(
            self.env["helpdesk.ticket"].search([("team_id", "=", self.team.id)])
        )
        self.assertFalse(
            self.env["mail.mail"].search([("subject", "like", "We are on it")]),
            "no acknowledgement goes back to a robot",
        )
        self.assertFalse(self.env["sms.sms"].search([("body", "like", "On it:")]))

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_auto_reply_on_existing_ticket_is_logged_silently(self):
        first_id = "<first@customer.example.com>"
        self._process(self._raw_mail(msg_id=first_id))
        ticket = self.env["helpdesk.ticket"].search([("team_id", "=", self.team.id)])
        self._process(
            self._raw_mail(
                subject="Automatic reply: Printer is broken",
                body="I am out of office",
                in_reply_to=first_id,
                extra_headers="Auto-Submitted: auto-replied",
            )
        )
        self.assertIn("out of office", ticket.message_ids[0].body)
        self.assertEqual(ticket.stage_id, self.stage_new)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_acknowledgement_for_mail_tickets(self):
        self.stage_new.template_id = self.mail_template
        self._process(self._raw_mail(subject="Не працює Wi-Fi"))
        self._flush_tracking()
        ticket = self.env["helpdesk.ticket"].search([("team_id", "=", self.team.id)])
        self.assertEqual(ticket.stage_id, self.stage_new)
        acknowledgement = self._stage_mails(ticket)
        self.assertEqual(len(acknowledgement), 1)
        self.assertIn(self.customer, acknowledgement.partner_ids)

    def test_stage_mail_is_queued_then_sent(self):
        """The request that moves a ticket only queues the stage mail (no SMTP in
        the request) and wakes the mail queue up; the queue then sends it."""
        cron = self.env.ref("mail.ir_cron_mail_scheduler_action")
        Trigger = self.env["ir.cron.trigger"]
        triggers_before = Trigger.search_count([("cron_id", "=", cron.id)])
        tickets = self._create_tickets(3)
        self._flush_tracking()
        with self.mock_mail_gateway():
            tickets.stage_id = self.stage_progress
            self._flush_tracking()
            self.env.cr.postcommit.run()  # what follows the commit of the request
            self.assertFalse(self._mails, "nothing sent by the request itself")
            messages = self.env["mail.message"].union(
                *(self._stage_mails(ticket) for ticket in tickets)
            )
            mails = self.env["mail.mail"].search(
                [("mail_message_id", "in", messages.ids)]
            )
            self.assertEqual(len(mails), 3)
            self.assertEqual(set(mails.mapped("state")), {"outgoing"})
            self.assertEqual(
                Trigger.search_count([("cron_id", "=", cron.id)]),
                triggers_before + 1,
                "one wake-up of the mail queue for the whole batch",
            )
            self.env["mail.mail"].process_email_queue()  # the cron's job
        self.assertEqual(
            sorted(m["subject"] for m in self._mails if "We are on it" in m["subject"]),
            sorted(f"We are on it: {ticket.ticket_ref}" for ticket in tickets),
        )

    def test_customer_suggested_by_core(self):
        ticket = self._create_tickets(1)
        ticket.message_unsubscribe(partner_ids=self.customer.ids)
        suggested = ticket._message_get_suggested_recipients()
        self.assertIn(self.customer.id, [rec.get("partner_id") for rec in suggested])

    def test_stage_mail_written_after_the_request(self):
        """The request records one job per ticket (one batch INSERT) and wakes the
        stage-mail cron up once; it renders no template. The cron writes the
        mails, and skips a ticket that left the stage in the meantime."""
        Job = self.env["helpdesk.ticket.stage.mail"]
        cron = self.env.ref("helpdesk_base.ir_cron_helpdesk_stage_mail")
        Trigger = self.env["ir.cron.trigger"]
        triggers_before = Trigger.search_count([("cron_id", "=", cron.id)])
        tickets = self._create_tickets(3)
        self._flush_tracking()
        with patch.object(
            type(self.env["mail.template"]),
            "_render_field",
            side_effect=AssertionError("rendered in the request"),
        ):
            tickets.stage_id = self.stage_progress
            self.env.flush_all()
            self.env.cr.precommit.run()
        jobs = Job.search([("ticket_id", "in", tickets.ids)])
        self.assertEqual(len(jobs), 3)
        self.assertEqual(
            Trigger.search_count([("cron_id", "=", cron.id)]), triggers_before + 1
        )
        self.assertFalse(self._stage_mails(tickets[0]))
        tickets[2].stage_id = self.stage_new  # moved on before the cron ran
        self.env.flush_all()
        self.env.cr.precommit.run()
        Job.search([])._send()
        self.assertFalse(Job.search([("ticket_id", "in", tickets.ids)]))
        self.assertEqual(len(self._stage_mails(tickets[0])), 1)
        self.assertEqual(len(self._stage_mails(tickets[1])), 1)
        self.assertFalse(self._stage_mails(tickets[2]))
        message = self._stage_mails(tickets[0])
        self.assertEqual(message.message_type, "auto_comment")

    def test_stage_mail_cron_commits_per_batch(self):
        tickets = self._create_tickets(5, stage_id=self.stage_progress.id)
        self.env.flush_all()
        self.env.cr.precommit.run()
        commits = []

        def commit_progress(cron, processed=0, **kwargs):
            commits.append(processed)
            return 60.0

        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", commit_progress
        ):
            self.env["helpdesk.ticket.stage.mail"]._cron_send(batch_size=2)
        self.assertEqual(commits, [2, 2, 1])
        self.assertTrue(all(self._stage_mails(ticket) for ticket in tickets))
