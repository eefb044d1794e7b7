# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

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
