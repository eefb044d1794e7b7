# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

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
        ticket.date_deadline = datetime.now() + timedelta(days=2)
        self.assertFalse(
            ticket._get_customer_deadline(), "the manual deadline is internal"
        )


@tagged("post_install", "-at_install")
class TestCreationMessage(HelpdeskCase):
    """The "Ticket created" message and the first followers of a new ticket."""

    def _creation_messages(self, tickets):
        return self.env["mail.message"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "in", tickets.ids),
                ("subtype_id", "=", self.env.ref("helpdesk_base.mt_ticket_new").id),
            ]
        )

    def test_team_followers_notified_others_logged(self):
        """A follower of the team's "Ticket Created" gets the message in the
        inbox; tickets of a team nobody follows get the same message, logged."""
        quiet_team = self.env["helpdesk.team"].create(
            {"name": "Quiet", "member_ids": [Command.set(self.agent.ids)]}
        )
        self.team.message_subscribe(
            partner_ids=self.agent2.partner_id.ids,
            subtype_ids=self.env.ref("helpdesk_base.mt_team_ticket_new").ids,
        )
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        tickets = Ticket.create(
            [
                {"name": "Followed", "team_id": self.team.id},
                {"name": "Quiet 1", "team_id": quiet_team.id},
                {"name": "Quiet 2", "team_id": quiet_team.id},
            ]
        )
        messages = self._creation_messages(tickets)
        self.assertEqual(
            sorted(messages.mapped("res_id")), sorted(tickets.ids), "one per ticket"
        )
        for message in messages:
            self.assertEqual(message.author_id, self.agent.partner_id)
            self.assertEqual(message.message_type, "notification")
            self.assertIn("o_mail_notification", message.body)
            self.assertIn("Ticket created", message.body)
        followed = messages.filtered(lambda m: m.res_id == tickets[0].id)
        self.assertEqual(
            followed.notification_ids.res_partner_id, self.agent2.partner_id
        )
        self.assertFalse((messages - followed).notification_ids)

    def test_context_switches_are_honoured(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        silent = Ticket.with_context(mail_create_nolog=True).create(
            {"name": "No log", "team_id": self.team.id}
        )
        self.assertFalse(self._creation_messages(silent))
        self.assertIn(self.agent.partner_id, silent.message_partner_ids)
        unfollowed = Ticket.with_context(mail_create_nosubscribe=True).create(
            {"name": "No follow", "team_id": self.team.id}
        )
        self.assertNotIn(self.agent.partner_id, unfollowed.message_partner_ids)
        self.assertTrue(self._creation_messages(unfollowed))

    def test_creator_and_customers_follow(self):
        """The creator follows with the default subtypes, a portal customer with
        the public ones only, an archived customer not at all."""
        portal = self.env["res.users"].create(
            {
                "name": "Portal customer",
                "login": "creation_portal",
                "email": "creation.portal@example.com",
                "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        archived = self.env["res.partner"].create(
            {"name": "Gone", "email": "gone@example.com", "active": False}
        )
        tickets = (
            self.env["helpdesk.ticket"]
            .with_user(self.agent)
            .create(
                [
                    {
                        "name": "A",
                        "team_id": self.team.id,
                        "partner_id": self.customer.id,
                    },
                    {
                        "name": "B",
                        "team_id": self.team.id,
                        "partner_id": portal.partner_id.id,
                    },
                    {"name": "C", "team_id": self.team.id, "partner_id": archived.id},
                    {"name": "D", "team_id": self.team.id, "user_id": self.agent.id},
                ]
            )
        )
        note = self.env.ref("mail.mt_note")
        for ticket in tickets:
            creator = ticket.message_follower_ids.filtered(
                lambda f: f.partner_id == self.agent.partner_id
            )
            self.assertEqual(len(creator), 1, "the creator follows once")
            self.assertIn(self.env.ref("mail.mt_comment"), creator.subtype_ids)
        self.assertIn(self.customer, tickets[0].message_partner_ids)
        follower = tickets[1].message_follower_ids.filtered(
            lambda f: f.partner_id == portal.partner_id
        )
        self.assertTrue(follower)
        self.assertFalse(follower.subtype_ids.filtered("internal"))
        self.assertNotIn(note, follower.subtype_ids)
        self.assertEqual(tickets[2].message_partner_ids, self.agent.partner_id)

    def test_empty_batch(self):
        self.assertFalse(self.env["helpdesk.ticket"].create([]))
