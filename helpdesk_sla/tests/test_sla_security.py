# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import SlaCase


@tagged("post_install", "-at_install")
class TestSlaSecurity(SlaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sla = cls._create_sla()
        cls.ticket = cls._create_tickets(1)
        cls.lines = cls.ticket.sla_status_ids

    def test_agent_of_team_reads_lines(self):
        lines = self.Status.with_user(self.agent).search(
            [("ticket_id", "=", self.ticket.id)]
        )
        self.assertEqual(lines, self.lines)
        self.assertTrue(self.ticket.with_user(self.agent).sla_status_ids)
        with self.assertRaises(AccessError):
            self.lines.with_user(self.agent).write({"status": "reached"})
        with self.assertRaises(AccessError):
            self.lines.with_user(self.agent).unlink()

    def test_agent_of_other_team_cannot_read_lines(self):
        Status = self.Status.with_user(self.outsider)
        self.assertFalse(Status.search([("ticket_id", "=", self.ticket.id)]))
        with self.assertRaises(AccessError):
            self.lines.with_user(self.outsider).read(["deadline"])
        # unless the team is open to every internal user
        self.team.privacy_visibility = "internal"
        self.assertEqual(
            Status.search([("ticket_id", "=", self.ticket.id)]), self.lines
        )

    def test_agent_actions_update_lines(self):
        """Agents cannot write lines, but their changes on tickets move them."""
        ticket = self.ticket.with_user(self.agent)
        ticket.stage_id = self.stage_done
        self.assertEqual(self._line(ticket, "resolution").status, "reached")

    def test_policies_rights(self):
        with self.assertRaises(AccessError):
            self.Sla.with_user(self.agent).create(
                {"name": "Mine", "team_id": self.team.id}
            )
        self.assertTrue(self.sla.with_user(self.agent).name)
        sla = self.Sla.with_user(self.manager).create(
            {"name": "Managed", "team_id": self.team.id, "first_response_hours": 1}
        )
        self.assertTrue(sla)
        self.assertTrue(self.Status.with_user(self.manager).search([]))

    def test_multi_company(self):
        company2 = self.env["res.company"].create({"name": "T Other Company"})
        team = self.env["helpdesk.team"].create(
            {
                "name": "T Foreign",
                "company_id": company2.id,
                "member_ids": [Command.set(self.manager.ids)],
            }
        )
        self._create_sla(team_id=team.id)
        ticket = self._create_tickets(1, team_id=team.id)
        self.assertTrue(ticket.sla_status_ids)
        Status = self.Status.with_user(self.manager)
        self.assertFalse(Status.search([("ticket_id", "=", ticket.id)]))
        self.assertFalse(
            self.Sla.with_user(self.manager).search([("team_id", "=", team.id)])
        )

    def test_policies_of_private_teams(self):
        """Agents read the policies of the teams whose tickets they see."""
        self.assertEqual(self.team.privacy_visibility, "invited_internal")
        domain = [("team_id", "=", self.team.id)]
        # member of the team
        self.assertEqual(self.Sla.with_user(self.agent).search(domain), self.sla)
        self.sla.with_user(self.agent).check_access("read")
        # helpdesk user outside the team
        Sla = self.Sla.with_user(self.outsider)
        self.assertFalse(Sla.search(domain))
        with self.assertRaises(AccessError):
            self.sla.with_user(self.outsider).read(["name", "resolution_hours"])
        self.assertFalse(Sla.search_count([("time", ">", 0)]))
        # helpdesk manager, not a member
        self.assertNotIn(self.manager, self.team.member_ids)
        self.assertEqual(self.Sla.with_user(self.manager).search(domain), self.sla)
        # the team's leader
        self.team.user_id = self.outsider
        self.assertEqual(Sla.search(domain), self.sla)
        self.team.user_id = self.manager
        self.assertFalse(Sla.search(domain))
        # a team open to every internal user
        self.team.privacy_visibility = "internal"
        self.assertEqual(Sla.search(domain), self.sla)
        self.assertTrue(self.sla.with_user(self.outsider).name)

    def test_status_lines_follow_ticket_rules(self):
        """Lines are seen exactly where their ticket is, for each group."""
        leader = new_test_user(
            self.env, "hd_sla_leader", groups="helpdesk_base.helpdesk_base_group_user"
        )
        self.team.user_id = leader
        for user in (self.agent, self.outsider, self.manager, leader):
            Ticket = self.env["helpdesk.ticket"].with_user(user)
            Status = self.Status.with_user(user)
            visible = Ticket.search([("id", "=", self.ticket.id)])
            self.assertEqual(
                Status.search([("ticket_id", "=", self.ticket.id)]),
                self.lines if visible else Status,
                user.login,
            )
        # the ticket form of an agent of the team shows the lines' policies
        data = self.ticket.with_user(self.agent).web_read(
            {"sla_status_ids": {"fields": {"sla_id": {"fields": {"display_name": {}}}}}}
        )
        names = {line["sla_id"]["display_name"] for line in data[0]["sla_status_ids"]}
        self.assertEqual(names, {self.sla.name})
