# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import MONDAY_10, SlaCase


@tagged("post_install", "-at_install")
class TestSlaFlow(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sla_high = cls._create_sla(
            name="High",
            priority_ids=[Command.set(cls._priorities("2", "3").ids)],
            first_response_hours=1.0,
            resolution_hours=4.0,
            pause_stage_ids=[Command.set(cls.stage_waiting.ids)],
        )
        cls.sla_low = cls._create_sla(
            name="Low",
            priority_ids=[Command.set(cls._priorities("0", "1").ids)],
            first_response_hours=4.0,
            resolution_hours=16.0,
            pause_stage_ids=[Command.set(cls.stage_waiting.ids)],
        )

    def _ticket(self, when=MONDAY_10, **values):
        with self._now(when):
            return self._create_tickets(1, **values)

    def test_matching_criteria(self):
        tag = self.env["helpdesk.tag"].create({"name": "T VIP"})
        other = self.env["res.partner"].create({"name": "Other Co"})
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.customer.id}
        )
        sla_vip = self._create_sla(
            name="VIP",
            tag_ids=[Command.set(tag.ids)],
            partner_ids=[Command.set(self.customer.ids)],
            severity_ids=[
                Command.set(self.env.ref("helpdesk_sla.sla_severity_blocker").ids)
            ],
            domain="[('name', 'ilike', 'ticket')]",
        )
        with self._now(MONDAY_10):
            ticket = self._create_tickets(
                1, partner_id=contact.id, tag_ids=[Command.set(tag.ids)]
            )
            lines = ticket.sla_status_ids
            self.assertNotIn(sla_vip, lines.sla_id, "severity missing")
            ticket.severity = "blocker"
            lines = ticket.sla_status_ids
            self.assertIn(sla_vip, lines.sla_id, "contact of customer")
            self.assertEqual(ticket.sla_status_ids.sla_id, sla_vip | self.sla_low)
            ticket.partner_id = other
            self.assertNotIn(sla_vip, ticket.sla_status_ids.sla_id)
            ticket.write({"partner_id": self.customer.id, "name": "Question"})
            ticket.severity = False
            ticket.severity = "blocker"
            self.assertNotIn(sla_vip, ticket.sla_status_ids.sla_id, "domain")

    def test_criteria_read_once(self):
        """The criteria of a batch of policies are read in one query, with what
        the ORM would read: codes, commercial entities, no archived record."""
        tags = self.env["helpdesk.tag"].create([{"name": "T On"}, {"name": "T Off"}])
        tags[1].active = False
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.customer.id}
        )
        self.sla_low.write(
            {
                "tag_ids": [Command.set(tags.ids)],
                "partner_ids": [Command.set(contact.ids)],
                "severity_ids": [
                    Command.set(self.env.ref("helpdesk_sla.sla_severity_minor").ids)
                ],
            }
        )
        policies = self.sla_high | self.sla_low
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            criteria = policies._read_criteria()
        self.assertEqual(criteria[self.sla_high]["priority_ids"], {"2", "3"})
        self.assertEqual(
            criteria[self.sla_high]["pause_stage_ids"], set(self.stage_waiting.ids)
        )
        self.assertFalse(criteria[self.sla_high]["tag_ids"])
        low = criteria[self.sla_low]
        self.assertEqual(low["tag_ids"], set(tags[0].ids))
        self.assertEqual(low["partner_ids"], set(self.customer.ids))
        self.assertEqual(low["severity_ids"], {"minor"})
        # an unsaved policy (the preview's) is read from memory, alike
        unsaved = self.sla_low.new(origin=self.sla_low)
        self.assertEqual(unsaved._read_criteria()[unsaved], low)

    def test_invalid_domain(self):
        with self.assertRaises(ValidationError):
            self._create_sla(domain="[('no_such_field', '=', 1)]")
        with self.assertRaises(ValidationError):
            self._create_sla(domain="not a domain")

    def test_domain_checked_without_search(self):
        """The extra conditions are validated against the ticket model's fields
        (as Odoo checks record rules), without searching the tickets."""
        Ticket = type(self.env["helpdesk.ticket"])
        searched = AssertionError("the tickets were searched")
        with patch.object(Ticket, "_search", side_effect=searched):
            sla = self._create_sla(domain="[('partner_id.country_id.code', '=', 'UA')]")
            with self.assertRaises(ValidationError):
                sla.domain = "[('partner_id.no_such_field', '=', 1)]"
            with self.assertRaises(ValidationError):
                sla.domain = "[('name', 'no such operator', 1)]"

    def test_lines_only_for_set_targets(self):
        """A line per target the policy sets: none for a target at 0 hours, none
        for the next response before the customer writes after a reply."""
        self.sla_high.write({"first_response_hours": 0.0, "next_response_hours": 2.0})
        ticket = self._ticket(priority="2")
        self.assertEqual(ticket.sla_status_ids.mapped("target"), ["resolution"])
        with self._now(MONDAY_10 + timedelta(minutes=5)):
            ticket.message_post(
                body="Any news?",
                author_id=self.customer.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(
            ticket.sla_status_ids.mapped("target"),
            ["resolution"],
            "no next response before the first reply",
        )
        self.sla_high.resolution_hours = 0.0
        self.assertFalse(ticket.sla_status_ids)

    def test_several_policies_and_priority_change(self):
        extra = self._create_sla(name="All", first_response_hours=0.5)
        ticket = self._ticket(priority="0")
        self.assertEqual(ticket.sla_status_ids.sla_id, self.sla_low | extra)
        self.assertEqual(len(ticket.sla_status_ids), 4)  # 2 + 2 targets
        # earliest: extra's first response at 10:30 Kyiv
        self.assertEqual(ticket.sla_deadline, MONDAY_10 + timedelta(minutes=30))
        low_deadline = self._line(ticket, "resolution", self.sla_low).deadline
        # 7h on Monday, 8h on Tuesday, 1h on Wednesday: 10:00 Kyiv
        self.assertEqual(low_deadline, datetime(2026, 11, 25, 8))
        with self._now(MONDAY_10 + timedelta(minutes=10)):
            ticket.priority = "2"
        self.assertEqual(ticket.sla_status_ids.sla_id, self.sla_high | extra)
        # counted from the ticket's creation, not from the change
        self.assertEqual(
            self._line(ticket, "resolution", self.sla_high).deadline,
            MONDAY_10 + timedelta(hours=4),
        )

    def test_pause_and_resume(self):
        ticket = self._ticket(priority="2")
        resolution = self._line(ticket, "resolution")
        self.assertEqual(resolution.deadline, MONDAY_10 + timedelta(hours=4))
        with self._now(MONDAY_10 + timedelta(hours=1)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(resolution.status, "paused")
        self.assertFalse(resolution.deadline)
        self.assertAlmostEqual(resolution.consumed_hours, 1.0)
        # the customer answers on Tuesday 10:00 Kyiv: 3 hours left
        resume = datetime(2026, 11, 24, 8)
        with self._now(resume):
            ticket.stage_id = self.stage_progress
        self.assertEqual(resolution.status, "ongoing")
        self.assertEqual(resolution.deadline, resume + timedelta(hours=3))
        with self._now(resume + timedelta(hours=1)):
            ticket.stage_id = self.stage_done
        self.assertEqual(resolution.status, "reached")
        self.assertAlmostEqual(resolution.consumed_hours, 2.0)
        self.assertTrue(resolution.is_success)

    def test_team_default_severity(self):
        """Tickets coming without a severity (mail, portal, quick create) take
        their team's default one: policies asking for it apply at once."""
        sla_minor = self._create_sla(
            name="Minor only",
            severity_ids=[
                Command.set(self.env.ref("helpdesk_sla.sla_severity_minor").ids)
            ],
        )
        self.assertEqual(self.team.default_severity, "minor", "default of a team")
        ticket = self._ticket()
        self.assertEqual(ticket.severity, "minor")
        self.assertIn(sla_minor, ticket.sla_status_ids.sla_id)
        chosen = self._ticket(severity="blocker")
        self.assertEqual(chosen.severity, "blocker", "an explicit one is kept")
        self.team.default_severity = False
        self.assertFalse(self._ticket().severity)

    def test_closing_fulfils_response_targets(self):
        ticket = self._ticket(priority="2")
        first = self._line(ticket, "first_response")
        with self._now(MONDAY_10 + timedelta(minutes=30)):
            ticket.stage_id = self.stage_done
        self.assertEqual(first.status, "reached")
        self.assertFalse(ticket.sla_deadline, "a closed ticket has no deadline")
        late = self._ticket(priority="2")
        with self._now(MONDAY_10 + timedelta(hours=2)):
            late.stage_id = self.stage_done
        self.assertEqual(self._line(late, "first_response").status, "failed")

    def test_closed_ticket_judged_when_requalified(self):
        """A closed ticket that comes to match a policy (its priority corrected
        afterwards) gets lines reached at once, late or in time on the policy's
        terms, from its real dates."""
        policy = self._create_sla(
            team_id=self.team2.id,
            priority_ids=[Command.set(self._priorities("3").ids)],
            first_response_hours=1.0,
            resolution_hours=8.0,
        )
        with self._now(MONDAY_10):
            ticket = self._create_tickets(1, priority="1", team_id=self.team2.id)
        ticket.date_first_response = MONDAY_10 + timedelta(minutes=30)
        # closed on Wednesday 10:00: 16 working hours later
        with self._now(datetime(2026, 11, 25, 8)):
            ticket.stage_id = self.stage_done
        self.assertFalse(ticket.sla_status_ids)
        with self._now(datetime(2026, 11, 26, 8)):
            ticket.priority = "3"
        first = self._line(ticket, "first_response", policy)
        resolution = self._line(ticket, "resolution", policy)
        self.assertEqual(first.status, "reached")
        self.assertAlmostEqual(first.consumed_hours, 0.5)
        self.assertEqual(resolution.status, "failed")
        self.assertAlmostEqual(resolution.consumed_hours, 16.0)
        self.assertFalse(resolution.escalated, "history is not escalated")

    def test_agent_performance_counts_overdue_tickets(self):
        late = self._ticket(priority="2", user_id=self.agent.id)
        in_time = self._ticket(priority="2", user_id=self.agent.id)
        with self._now(MONDAY_10 + timedelta(minutes=30)):
            in_time.stage_id = self.stage_done
        with self._now(MONDAY_10 + timedelta(hours=5)):
            late.stage_id = self.stage_done
        self.assertTrue(late.sla_fail)
        self.env.flush_all()
        row = self.env["helpdesk.agent.performance"].search(
            [("user_id", "=", self.agent.id)]
        )
        self.assertEqual(row.ticket_count, 2)
        self.assertEqual(row.ticket_overdue_count, 1)

    def test_customer_message_resumes_a_waiting_ticket(self):
        """A customer's message on a ticket waiting for them brings it back to
        the team (helpdesk_base) and the SLA clock runs again."""
        self.team.write(
            {
                "waiting_stage_ids": [Command.set(self.stage_waiting.ids)],
                "customer_reply_stage_id": self.stage_progress.id,
            }
        )
        ticket = self._ticket(priority="2")
        resolution = self._line(ticket, "resolution")
        with self._now(MONDAY_10 + timedelta(hours=1)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(resolution.status, "paused")
        resume = datetime(2026, 11, 24, 8)
        with self._now(resume):
            ticket.message_post(
                body="Here is the log",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=self.customer.id,
            )
        self.assertEqual(ticket.stage_id, self.stage_progress)
        self.assertTrue(ticket.needs_reply)
        self.assertEqual(resolution.status, "ongoing")
        self.assertEqual(resolution.deadline, resume + timedelta(hours=3))

    def test_resolution_late_and_reopen(self):
        ticket = self._ticket(priority="2")
        resolution = self._line(ticket, "resolution")
        with self._now(MONDAY_10 + timedelta(hours=5)):
            self.Status._cron_check_sla()
            self.assertEqual(resolution.status, "failed")
            self.assertTrue(ticket.sla_fail)
            ticket.stage_id = self.stage_done
        self.assertEqual(resolution.status, "failed")
        self.assertTrue(resolution.reached_date)
        self.assertFalse(resolution.is_success)

    def test_target_stage_reaches_resolution(self):
        self.sla_high.stage_id = self.stage_progress
        ticket = self._ticket(priority="2")
        with self._now(MONDAY_10 + timedelta(hours=2)):
            ticket.stage_id = self.stage_progress
        self.assertEqual(self._line(ticket, "resolution").status, "reached")
        with self._now(MONDAY_10 + timedelta(hours=3)):
            ticket.stage_id = self.stage_new
        line = self._line(ticket, "resolution")
        # reopened with the 2 hours consumed kept: past the 50% warning already
        self.assertEqual(line.status, "warning")
        self.assertEqual(line.deadline, MONDAY_10 + timedelta(hours=5))

    def test_reopen_into_pause_stage(self):
        ticket = self._ticket(priority="2")
        resolution = self._line(ticket, "resolution")
        with self._now(MONDAY_10 + timedelta(hours=1)):
            ticket.stage_id = self.stage_done
        self.assertEqual(resolution.status, "reached")
        # reopened straight into "waiting for the customer": no clock running
        with self._now(MONDAY_10 + timedelta(hours=2)):
            ticket.stage_id = self.stage_waiting
        self.assertEqual(resolution.status, "paused")
        self.assertFalse(resolution.reached_date)
        self.assertFalse(resolution.deadline)
        self.assertFalse(resolution.warning_date)
        self.assertFalse(resolution.date_running)
        self.assertAlmostEqual(resolution.consumed_hours, 1.0)
        # still no flag long after the former deadline
        with self._now(MONDAY_10 + timedelta(hours=6)):
            self.Status._cron_check_sla()
        self.assertEqual(resolution.status, "paused")
        # resumed on Tuesday 10:00 Kyiv: the 3 hours left
        resume = datetime(2026, 11, 24, 8)
        with self._now(resume):
            ticket.stage_id = self.stage_progress
        self.assertEqual(resolution.status, "ongoing")
        self.assertEqual(resolution.deadline, resume + timedelta(hours=3))

    def test_warning_and_escalation_once(self):
        self.sla_high.write(
            {
                "escalation_notify": True,
                "escalate_on": "warning",
                "escalation_team_id": self.team2.id,
            }
        )
        ticket = self._ticket(priority="2")
        first = self._line(ticket, "first_response")
        # warning at 50% of 1h
        self.assertEqual(first.warning_date, MONDAY_10 + timedelta(minutes=30))
        with self._now(MONDAY_10 + timedelta(minutes=20)):
            self.assertEqual(self.Status._cron_check_sla(), 0)
        self.assertEqual(first.status, "ongoing")
        with self._now(MONDAY_10 + timedelta(minutes=40)):
            self.Status._cron_check_sla()
        self.assertEqual(first.status, "warning")
        self.assertTrue(ticket.sla_warning)
        self.assertTrue(first.escalated)
        self.assertEqual(ticket.team_id, self.team2, "moved to the second line")
        activities = ticket.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(len(activities), 1)
        self.assertIn(self.manager.partner_id, ticket.message_ids[0].partner_ids)
        notes = len(ticket.message_ids)
        # failure of the same line, later runs: nothing sent again
        with self._now(MONDAY_10 + timedelta(hours=2)):
            self.Status._cron_check_sla()
            self.Status._cron_check_sla()
        self.assertEqual(first.status, "failed")
        self.assertEqual(len(ticket.activity_ids), 1)
        self.assertEqual(len(ticket.message_ids), notes)

    def test_cron_idempotent(self):
        with self._now(MONDAY_10):
            tickets = self._create_tickets(3, priority="2")
        with self._now(MONDAY_10 + timedelta(hours=2)):
            first_run = self.Status._cron_check_sla()
            # 3 first responses failed, 3 resolutions at risk
            self.assertEqual(first_run, 6)
            self.assertEqual(self.Status._cron_check_sla(), 0)
        self.assertTrue(all(tickets.mapped("sla_fail")))
        self.assertEqual(
            set(tickets.sla_status_ids.mapped("status")), {"failed", "warning"}
        )

    def test_archived_policy_and_team_change(self):
        ticket = self._ticket(priority="2")
        with self._now(MONDAY_10 + timedelta(minutes=10)):
            ticket.team_id = self.team2
            self.assertFalse(ticket.sla_status_ids, "open lines of the old team")
            ticket.team_id = self.team
            self.assertEqual(ticket.sla_status_ids.sla_id, self.sla_high)
            self.sla_high.active = False
            ticket.priority = "3"
            self.assertFalse(ticket.sla_status_ids)

    def test_preview(self):
        with self._now(MONDAY_10):
            tickets = self._create_tickets(3, priority="2")
        tickets[0].date_first_response = MONDAY_10 + timedelta(minutes=30)
        tickets[1].date_first_response = MONDAY_10 + timedelta(hours=2)
        lines_before = self.Status.search_count([])
        with self._now(MONDAY_10 + timedelta(hours=3)):
            action = self.sla_high.with_user(self.manager).action_preview()
            preview = (
                self.env["helpdesk.sla.preview"]
                .with_user(self.manager)
                .with_context(**action["context"])
                .create({})
            )
            self.assertEqual(preview.ticket_count, 3)
            self.assertEqual(preview.first_response_met, 1)
            self.assertEqual(preview.first_response_failed, 2)
            self.assertEqual(preview.pending_count, 3, "resolutions still running")
        self.assertEqual(self.Status.search_count([]), lines_before)
