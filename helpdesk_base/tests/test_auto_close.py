# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from psycopg2 import IntegrityError

from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskCase

# Monday 23 November 2026, 10:00 in Kyiv (UTC+2)
MONDAY_10 = datetime(2026, 11, 23, 8, 0)


@tagged("post_install", "-at_install")
class TestAutoClose(HelpdeskCase):
    """Idle tickets get one reminder, then close, counted in working days of the
    team's calendar; the cron touches only due tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_waiting = cls.Stage.create({"name": "T Waiting", "sequence": 2})
        cls.stage_done.template_id = cls.env["mail.template"].create(
            {
                "name": "T Solved",
                "model_id": cls.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "Solved {{ object.ticket_ref }}",
                "body_html": "<p>Solved</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        cls.reminder = cls.env["mail.template"].create(
            {
                "name": "T Reminder",
                "model_id": cls.env["ir.model"]._get_id("helpdesk.ticket"),
                "subject": "Still there? {{ object.ticket_ref }}",
                "body_html": "<p>Closing soon</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        cls.team.write(
            {
                "stage_ids": [Command.link(cls.stage_waiting.id)],
                "resource_calendar_id": cls._create_office_calendar().id,
                "auto_close_ticket": True,
                "auto_close_day": 3,
                "from_stage_ids": [Command.set(cls.stage_waiting.ids)],
                "to_stage_id": cls.stage_done.id,
                "auto_close_reminder_day": 1,
                "auto_close_reminder_template_id": cls.reminder.id,
            }
        )

    def _run_cron(self, when):
        with self._now(when):
            self._run_cron_method(self.env["helpdesk.team"]._cron_auto_close_tickets)
            self._flush_tracking()

    def _subjects(self, ticket):
        return ticket.message_ids.mapped("subject")

    def test_reminder_then_closing_in_working_days(self):
        with self._now(MONDAY_10):
            waiting = self._create_tickets(1, stage_id=self.stage_waiting.id)
            working = self._create_tickets(1, stage_id=self.stage_progress.id)
        # 2 working days (3 - 1 reminder day) later: Wednesday 10:00
        self._run_cron(datetime(2026, 11, 25, 7, 59))
        self.assertFalse(waiting.auto_close_reminder_date)
        self._run_cron(datetime(2026, 11, 25, 8, 1))
        self.assertTrue(waiting.auto_close_reminder_date)
        reminders = [
            s for s in self._subjects(waiting) if s and s.startswith("Still there?")
        ]
        self.assertEqual(len(reminders), 1)
        reminder = waiting.message_ids.filtered(
            lambda m: (m.subject or "").startswith("Still there?")
        )
        self.assertEqual(reminder.subtype_id.internal, False, "shown on the portal")
        # once only
        self._run_cron(datetime(2026, 11, 25, 12, 0))
        self.assertEqual(
            len(waiting.message_ids.filtered(lambda m: m.subject == reminder.subject)),
            1,
        )
        # 3 working days: Thursday 10:00
        self._run_cron(datetime(2026, 11, 26, 7, 59))
        self.assertFalse(waiting.is_closed)
        self._run_cron(datetime(2026, 11, 26, 8, 1))
        self.assertEqual(waiting.stage_id, self.stage_done)
        self.assertIn(f"Solved {waiting.ticket_ref}", self._subjects(waiting))
        self.assertIn(
            "Closed automatically", " ".join(waiting.message_ids.mapped("body"))
        )
        self.assertFalse(working.is_closed, "not in a stage that closes itself")

    def test_weekend_is_not_counted(self):
        friday_10 = datetime(2026, 11, 27, 8, 0)
        self.team.write({"auto_close_day": 1, "auto_close_reminder_day": 0})
        with self._now(friday_10):
            ticket = self._create_tickets(1, stage_id=self.stage_waiting.id)
        self._run_cron(datetime(2026, 11, 29, 20, 0))  # Sunday evening
        self.assertFalse(ticket.is_closed)
        self._run_cron(datetime(2026, 11, 30, 8, 1))  # Monday 10:01
        self.assertTrue(ticket.is_closed)

    def test_customer_message_restarts_the_idle_period(self):
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1, stage_id=self.stage_waiting.id)
        self._run_cron(datetime(2026, 11, 25, 8, 1))
        self.assertTrue(ticket.auto_close_reminder_date)
        with self._now(datetime(2026, 11, 25, 9, 0)):
            ticket.message_post(
                body="I am here",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.customer.id,
            )
        self.assertFalse(ticket.auto_close_reminder_date)
        # the team's waiting stage sends it back: put it there again
        with self._now(datetime(2026, 11, 25, 9, 0)):
            ticket.stage_id = self.stage_waiting
        self._run_cron(datetime(2026, 11, 26, 8, 1))
        self.assertFalse(ticket.is_closed, "idle since Wednesday only")

    def test_cron_reads_only_due_tickets(self):
        def cron_queries():
            with self._now(datetime(2026, 11, 24, 8, 0)):
                return self._count_queries(
                    lambda: self._run_cron_method(
                        self.env["helpdesk.team"]._cron_auto_close_tickets
                    )
                )

        with self._now(MONDAY_10):
            self._create_tickets(3, stage_id=self.stage_waiting.id)
        cron_queries()  # warm the calendar's cache
        few = cron_queries()
        with self._now(MONDAY_10):
            self._create_tickets(30, stage_id=self.stage_waiting.id)
        # nothing is due yet: the teams, then one search per step
        self.assertEqual(cron_queries(), few)
        self.assertLessEqual(few, 8)

    def test_closing_without_reminder(self):
        self.team.auto_close_reminder_day = 0
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1, stage_id=self.stage_waiting.id)
        self._run_cron(datetime(2026, 11, 26, 8, 1))
        self.assertTrue(ticket.is_closed)
        self.assertFalse(ticket.auto_close_reminder_date)

    def test_invalid_settings_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.team.write({"auto_close_day": 0})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.team.write({"auto_close_reminder_day": 3})
