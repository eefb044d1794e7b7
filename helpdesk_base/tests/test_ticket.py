# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestTicket(HelpdeskCase):
    def test_reference_and_default_stage(self):
        tickets = self._create_tickets(3)
        refs = tickets.mapped("ticket_ref")
        self.assertEqual(len(set(refs)), 3)
        self.assertTrue(all(ref.startswith("HD") for ref in refs), refs)
        self.assertEqual(tickets.stage_id, self.stage_new, "first stage of the team")
        self.assertIn(refs[0], tickets[0].display_name)

    def test_references_are_per_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "helpdesk.ticket"), ("company_id", "=", other.id)]
        )
        self.assertEqual(len(sequence), 1, "a new company gets its own sequence")
        sequence.prefix = "OT"
        team = self.env["helpdesk.team"].create(
            {"name": "Other team", "company_id": other.id}
        )
        ticket = self.env["helpdesk.ticket"].create({"name": "x", "team_id": team.id})
        self.assertEqual(ticket.company_id, other)
        self.assertTrue(ticket.ticket_ref.startswith("OT"), ticket.ticket_ref)

    def test_partner_found_or_created_from_email(self):
        Ticket = self.env["helpdesk.ticket"]
        known, unknown = Ticket.create(
            [
                {
                    "name": "a",
                    "team_id": self.team.id,
                    "partner_email": "customer@example.com",
                },
                {
                    "name": "b",
                    "team_id": self.team.id,
                    "partner_email": "Новый Клиент <new.client@example.com>",
                    "partner_name": "Новый Клиент",
                    "partner_phone": "+79001234567",
                },
            ]
        )
        self.assertEqual(known.partner_id, self.customer)
        self.assertTrue(unknown.partner_id)
        self.assertEqual(unknown.partner_id.email_normalized, "new.client@example.com")
        self.assertEqual(unknown.partner_id.name, "Новый Клиент")
        self.assertEqual(unknown.partner_id.phone, "+79001234567")
        self.assertIn(unknown.partner_id, unknown.message_partner_ids)

    def test_invalid_email_creates_no_partner(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "a", "team_id": self.team.id, "partner_email": "not an email"}
        )
        self.assertFalse(ticket.partner_id)
        self.assertEqual(ticket.partner_email, "not an email", "nothing typed is lost")

    def test_stage_follows_team(self):
        other_stage = self.Stage.create({"name": "Other first", "sequence": 0})
        team2 = self.env["helpdesk.team"].create(
            {
                "name": "Second line",
                "stage_ids": [Command.set((other_stage | self.stage_done).ids)],
            }
        )
        ticket = self._create_tickets(1, stage_id=self.stage_progress.id)
        self.assertEqual(ticket.stage_id, self.stage_progress)
        with Form(ticket.with_user(self.manager)) as form:
            form.team_id = team2
        self.assertEqual(ticket.stage_id, other_stage)

    def test_user_reset_when_not_member(self):
        ticket = self._create_tickets(1, user_id=self.agent.id)
        team2 = self.env["helpdesk.team"].create(
            {"name": "Second line", "member_ids": [Command.set(self.agent2.ids)]}
        )
        ticket.team_id = team2
        self.assertFalse(ticket.user_id)

    def test_dates_and_working_hours(self):
        calendar = self.env["resource.calendar"].create(
            {"name": "8-17 Mon-Fri UTC", "tz": "UTC", "company_id": self.company.id}
        )
        self.team.resource_calendar_id = calendar
        monday_9 = datetime(2026, 11, 23, 9, 0)
        with self._now(monday_9):
            ticket = self._create_tickets(1)
        self.assertFalse(ticket.date_assigned)
        with self._now(datetime(2026, 11, 23, 11, 0)):
            ticket.user_id = self.agent
        self.assertEqual(ticket.date_assigned, datetime(2026, 11, 23, 11, 0))
        self.assertAlmostEqual(ticket.assign_hours, 2.0, places=2)
        # closed Tuesday 10:00: Monday 9-17 less lunch = 7h, plus Tuesday 8-10 = 2h
        with self._now(datetime(2026, 11, 24, 10, 0)):
            ticket.stage_id = self.stage_done
        self.assertEqual(ticket.date_closed, datetime(2026, 11, 24, 10, 0))
        self.assertEqual(ticket.date_last_stage_update, datetime(2026, 11, 24, 10, 0))
        self.assertAlmostEqual(ticket.close_hours, 9.0, places=2)
        with self._now(datetime(2026, 11, 24, 11, 0)):
            ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.date_closed, "reopening clears the closing date")
        self.assertFalse(ticket.close_hours)

    def test_assign_to_me(self):
        ticket = self._create_tickets(1)
        ticket.with_user(self.agent).action_assign_to_me()
        self.assertEqual(ticket.user_id, self.agent)

    def test_customer_deadline_hook(self):
        ticket = self._create_tickets(1)
        self.assertFalse(ticket._get_customer_deadline())
        ticket.date_deadline = datetime(2026, 12, 1, 12, 0)
        self.assertEqual(ticket._get_customer_deadline(), datetime(2026, 12, 1, 12, 0))
