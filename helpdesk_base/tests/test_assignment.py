# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import threading
import uuid
from collections import Counter
from unittest.mock import patch

from odoo import api
from odoo.exceptions import ConcurrencyError
from odoo.fields import Command
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestAssignment(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent3 = cls.env["res.users"].create(
            {
                "name": "Agent Three",
                "login": "hd_agent3",
                "group_ids": [
                    Command.link(
                        cls.env.ref("helpdesk_base.helpdesk_base_group_user").id
                    )
                ],
            }
        )
        cls.team.member_ids = [Command.link(cls.agent3.id)]
        cls.members = (cls.agent | cls.agent2 | cls.agent3).sorted("id")

    def test_manual_leaves_unassigned(self):
        self.team.assign_method = "manual"
        self.assertFalse(self._create_tickets(3).user_id)

    def test_each_in_turn(self):
        self.team.assign_method = "randomly"
        tickets = self._create_tickets(4)
        self.assertEqual(
            tickets.sorted("id").mapped("user_id").ids,
            self.members.ids,  # mapped() dedups: the 4th goes back to the first
        )
        users = [t.user_id for t in tickets.sorted("id")]
        self.assertEqual(users[3], users[0])
        # the turn continues across calls
        next_ticket = self._create_tickets(1)
        self.assertEqual(next_ticket.user_id, users[1])

    def test_balanced(self):
        self.team.assign_method = "manual"
        self._create_tickets(3, user_id=self.agent.id)
        self._create_tickets(1, user_id=self.agent2.id)
        closed = self._create_tickets(5, user_id=self.agent3.id)
        closed.stage_id = self.stage_done  # closed tickets do not count
        self.team.assign_method = "balanced"
        tickets = self._create_tickets(4).sorted("id")
        counts = Counter(tickets.mapped(lambda t: t.user_id.login))
        # open: agent 3, agent2 1, agent3 0 -> agent3, agent2, agent3, agent2
        # (ties go to the lowest id)
        self.assertEqual(counts, Counter({"hd_agent3": 2, "hd_agent2": 2}))

    def test_by_tag(self):
        self.team.assign_method = "tag"
        printers = self.env["helpdesk.tag"].create(
            {"name": "Printers", "user_ids": [Command.set(self.agent2.ids)]}
        )
        tagged_ticket = self._create_tickets(1, tag_ids=[Command.set(printers.ids)])
        self.assertEqual(tagged_ticket.user_id, self.agent2)
        untagged = self._create_tickets(1)
        self.assertIn(untagged.user_id, self.agent | self.agent3, "balanced fallback")

    def test_skips_inactive_members(self):
        self.team.assign_method = "randomly"
        self.agent.active = False
        self.agent3.active = False
        tickets = self._create_tickets(3)
        self.assertEqual(tickets.user_id, self.agent2)

    def test_skips_members_on_time_off(self):
        if "hr.leave" not in self.env:
            self.skipTest("hr_holidays is not installed")
        self.team.assign_method = "balanced"
        employee = self.env["hr.employee"].create(
            {"name": "A1", "user_id": self.agent.id}
        )
        leave_type = self.env["hr.leave.type"].create(
            {"name": "Vacation", "requires_allocation": False}
        )
        leave = self.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": leave_type.id,
                "request_date_from": "2000-01-01",
                "request_date_to": "2100-01-01",
            }
        )
        leave.sudo().action_approve()
        tickets = self._create_tickets(4)
        self.assertNotIn(self.agent, tickets.user_id)

    def test_team_change_assigns(self):
        team2 = self.env["helpdesk.team"].create(
            {
                "name": "Second line",
                "assign_method": "balanced",
                "member_ids": [Command.set(self.agent3.ids)],
            }
        )
        ticket = self._create_tickets(1)
        self.assertFalse(ticket.user_id)
        ticket.team_id = team2
        self.assertEqual(ticket.user_id, self.agent3)


@tagged("post_install", "-at_install")
class TestConcurrentAssignment(BaseCase):
    """Transactions creating tickets at the same time, as parallel RPC calls do.

    Runs on real, committed cursors (no test transaction): it creates its own
    fixtures and removes them afterwards.
    """

    THREADS = 6

    def setUp(self):
        super().setUp()
        self.registry = Registry.registries[get_db_name()]
        # The test runner holds the registry lock while tests run; the worker threads
        # build environments (which look the registry up under that lock) as the
        # HTTP workers do in test mode.
        lock_patcher = patch.object(Registry, "_lock", DummyRLock())
        lock_patcher.start()
        self.addCleanup(lock_patcher.stop)
        self.tag = uuid.uuid4().hex[:12]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            group = env.ref("helpdesk_base.helpdesk_base_group_user")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Conc {i}",
                        "login": f"hd_conc_{i}_{self.tag}",
                        "group_ids": [Command.link(group.id)],
                    }
                    for i in range(3)
                ]
            )
            team = env["helpdesk.team"].create(
                {
                    "name": "Concurrency team",
                    "assign_method": "balanced",
                    "member_ids": [Command.set(users.ids)],
                }
            )
            self.team_id, self.user_ids = team.id, users.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = (
                env["helpdesk.ticket"]
                .with_context(active_test=False)
                .search([("team_id", "=", self.team_id)])
            )
            partners = tickets.partner_id.filtered(
                lambda p: self.tag in (p.email or "")
            )
            tickets.unlink()
            partners.unlink()
            env["helpdesk.team"].browse(self.team_id).unlink()
            env["res.users"].browse(self.user_ids).unlink()

    def _run_parallel(self, create, count):
        """Run ``create(env, index)`` in ``count`` threads whose transactions all
        take their snapshot before any of them commits; return the results (or
        the exceptions) in order."""
        barrier = threading.Barrier(count)
        results = [None] * count

        def target(index):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {})
                    cr.execute("SELECT 1")
                    barrier.wait(timeout=30)
                    results[index] = create(env, index)
            except Exception as exc:  # noqa: BLE001 - reported by the assertions
                results[index] = exc

        threads = [
            threading.Thread(target=target, args=(index,)) for index in range(count)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        return results

    def test_parallel_creates_new_customers_without_retry(self):
        """No serialization failure at all: each call succeeds at its first try
        (no ``retrying``), new customers are created, refs unique, balanced."""
        vals_list = [
            {
                "name": f"Parallel {index}",
                "team_id": self.team_id,
                "partner_name": f"New customer {index}",
                "partner_email": f"new{index}.{self.tag}@example.com",
            }
            for index in range(self.THREADS * 2)
        ]

        def create(env, index):
            refs = []
            for vals in vals_list[index * 2 : index * 2 + 2]:
                ticket = env["helpdesk.ticket"].create(vals)
                refs.append((ticket.user_id.id, ticket.ticket_ref, ticket.partner_id))
            return refs

        for result in self._run_parallel(create, self.THREADS):
            self.assertIsInstance(result, list, result)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].search([("team_id", "=", self.team_id)])
            self.assertEqual(len(tickets), self.THREADS * 2)
            self.assertEqual(len(set(tickets.mapped("ticket_ref"))), len(tickets))
            self.assertEqual(
                sorted(tickets.mapped("partner_id.email")),
                sorted(vals["partner_email"] for vals in vals_list),
            )
            counts = Counter(ticket.user_id.id for ticket in tickets)
            self.assertEqual(set(counts), set(self.user_ids))
            self.assertLessEqual(max(counts.values()) - min(counts.values()), 1, counts)

    def test_replayed_create_after_serialization_failure(self):
        """Odoo replays a call that hit a serialization failure with the same
        arguments: the replay must not point at what the failed try rolled back
        (the new customer), and the caller's values stay as they were given."""
        vals = {
            "name": "Replayed",
            "team_id": self.team_id,
            "partner_name": "Replay customer",
            "partner_email": f"replay.{self.tag}@example.com",
        }
        given = dict(vals)
        tries = []

        def create(env):
            tickets = env["helpdesk.ticket"].create([vals])
            tries.append(tickets.partner_id.id)
            if len(tries) == 1:
                raise ConcurrencyError("simulated serialization failure")
            return tickets

        with self.registry.cursor() as cr, mute_logger("odoo.service.model"):
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            with patch("odoo.service.model.time.sleep"):
                tickets = retrying(lambda: create(env), env)
            self.assertEqual(tickets.partner_id.email, given["partner_email"])
        self.assertEqual(vals, given)
        self.assertEqual(len(tries), 2)
