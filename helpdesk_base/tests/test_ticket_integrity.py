# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import copy

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestTicketIntegrity(HelpdeskCase):
    """What creating and editing a ticket must never do, whoever calls."""

    def test_create_does_not_mutate_its_arguments(self):
        self.team.assign_method = "balanced"
        vals_list = [
            {
                "name": "New customer",
                "team_id": self.team.id,
                "partner_name": "Olena",
                "partner_email": "olena@example.com",
            },
            {"name": "Known customer", "partner_id": self.customer.id},
        ]
        given = copy.deepcopy(vals_list)
        tickets = self.env["helpdesk.ticket"].create(vals_list)
        self.assertEqual(vals_list, given)
        self.assertTrue(tickets[0].partner_id and tickets[0].user_id)
        self.assertTrue(all(t.ticket_ref.startswith("HD") for t in tickets))

    def test_default_team_from_context(self):
        other_agent = self.env["res.users"].create(
            {
                "name": "Second line agent",
                "login": "hd_second_line",
                "group_ids": [
                    Command.link(
                        self.env.ref("helpdesk_base.helpdesk_base_group_user").id
                    )
                ],
            }
        )
        own_stage = self.Stage.create({"name": "Second line new", "sequence": 0})
        second = self.env["helpdesk.team"].create(
            {
                # after the base team in the teams' order: not the default team
                "name": "Z Second line",
                "sequence": 100,
                "assign_method": "balanced",
                "member_ids": [Command.set(other_agent.ids)],
                "stage_ids": [Command.set((own_stage | self.stage_done).ids)],
            }
        )
        self.team.assign_method = "balanced"  # the default team assigns too
        ticket = (
            self.env["helpdesk.ticket"]
            .with_context(default_team_id=second.id)
            .create({"name": "Through the team's kanban"})
        )
        self.assertEqual(ticket.team_id, second)
        self.assertEqual(ticket.stage_id, own_stage)
        self.assertEqual(ticket.user_id, other_agent)

    def test_stage_must_belong_to_the_team(self):
        foreign_stage = self.Stage.create({"name": "Other team's stage"})
        self.env["helpdesk.team"].create(
            {"name": "Other", "stage_ids": [Command.set(foreign_stage.ids)]}
        )
        ticket = self._create_tickets(1)
        with self.assertRaises(ValidationError):
            ticket.with_user(self.agent).write({"stage_id": foreign_stage.id})
        with self.assertRaises(ValidationError):
            self._create_tickets(1, stage_id=foreign_stage.id)
        ticket.with_user(self.agent).write({"stage_id": self.stage_progress.id})
        self.assertEqual(ticket.stage_id, self.stage_progress)

    def test_agent_outside_a_private_team(self):
        """An agent who is not a member of an "invited users" team cannot put a
        ticket into it, even assigned to themselves; members, the leader and
        managers can."""
        Ticket = self.env["helpdesk.ticket"]
        vals = {"name": "Sneaky", "team_id": self.team.id}
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Ticket.with_user(self.outsider).create(dict(vals, user_id=self.outsider.id))
        open_team = self.env["helpdesk.team"].create(
            {"name": "Open", "privacy_visibility": "internal"}
        )
        ticket = Ticket.with_user(self.outsider).create(
            {"name": "Open team ticket", "team_id": open_team.id}
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            ticket.write({"team_id": self.team.id, "user_id": self.outsider.id})
        self.assertEqual(ticket.team_id, open_team)
        self.assertTrue(Ticket.with_user(self.agent).create(dict(vals)))
        self.assertTrue(Ticket.with_user(self.manager).create(dict(vals)))
        self.team.user_id = self.outsider
        self.assertTrue(Ticket.with_user(self.outsider).create(dict(vals)))

    def test_customer_change_unsubscribes_the_former_customer(self):
        ticket = self._create_tickets(1)
        self.assertIn(self.customer, ticket.message_partner_ids)
        newcomer = self.env["res.partner"].create(
            {"name": "New owner", "email": "owner@example.com"}
        )
        ticket.with_user(self.agent).write({"partner_id": newcomer.id})
        self.assertNotIn(self.customer, ticket.message_partner_ids)
        self.assertIn(newcomer, ticket.message_partner_ids)
        self.assertEqual(ticket.partner_email, "owner@example.com")

    def test_folded_stage_closes_by_default(self):
        folded = self.Stage.create({"name": "Archived", "fold": True})
        self.assertTrue(folded.is_closed)
        explicit = self.Stage.create(
            {"name": "On hold", "fold": True, "is_closed": False}
        )
        self.assertFalse(explicit.is_closed)
        self.assertFalse(self.Stage.create({"name": "Open"}).is_closed)
        with Form(self.Stage) as form:
            form.name = "Done in the form"
            form.fold = True
            self.assertTrue(form.is_closed)
            form.fold = False
            self.assertTrue(form.is_closed, "unfolding keeps the user's choice")
            form.is_closed = False
            form.fold = True
            self.assertTrue(form.is_closed)
        self.team.stage_ids = [Command.link(folded.id)]
        ticket = self._create_tickets(1)
        ticket.stage_id = folded
        self.assertTrue(ticket.is_closed)
        self.assertTrue(ticket.close_date)

    def test_enterprise_field_names(self):
        ticket = self._create_tickets(1, user_id=self.agent.id)
        self.assertEqual(ticket.assign_date, ticket.date_assigned)
        self.assertTrue(ticket.assign_date)
        self.assertFalse(ticket.close_date)
        ticket.stage_id = self.stage_done
        self.assertEqual(ticket.close_date, ticket.date_closed)
        Ticket = self.env["helpdesk.ticket"]
        self.assertIn(ticket, Ticket.search([("close_date", "!=", False)]))
        self.assertIn(
            ticket, Ticket.search([("assign_date", "<=", ticket.assign_date)])
        )
        imported = self._create_tickets(1, close_date="2026-01-02 03:04:05")
        self.assertEqual(str(imported.date_closed), "2026-01-02 03:04:05")
        self.team.auto_assignment = True
        self.assertEqual(self.team.assign_method, "randomly")
        self.team.assign_method = "balanced"
        self.assertTrue(self.team.auto_assignment)
        Team = self.env["helpdesk.team"]
        self.assertIn(self.team, Team.search([("auto_assignment", "=", True)]))
        self.team.auto_assignment = False
        self.assertEqual(self.team.assign_method, "manual")
        self.assertNotIn(self.team, Team.search([("auto_assignment", "=", True)]))

    def test_ticket_without_team(self):
        self.team.assign_method = "balanced"
        ticket = self._create_tickets(1)
        ticket.write({"team_id": False, "user_id": False})
        self.assertFalse(ticket.team_id)
        self.assertFalse(ticket.user_id)
