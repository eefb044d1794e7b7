# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskCase

HELPDESK_MODELS = (
    "helpdesk.ticket",
    "helpdesk.team",
    "helpdesk.stage",
    "helpdesk.tag",
    "helpdesk.ticket.type",
    "helpdesk.response.category",
)


@tagged("post_install", "-at_install")
class TestSecurity(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_tickets(1)
        cls.open_team = cls.env["helpdesk.team"].create(
            {"name": "Open team", "privacy_visibility": "internal"}
        )
        cls.open_ticket = cls._create_tickets(1, team_id=cls.open_team.id)
        cls.employee = new_test_user(cls.env, "hd_employee", groups="base.group_user")
        cls.portal = new_test_user(cls.env, "hd_portal", groups="base.group_portal")
        cls.public = cls.env.ref("base.public_user")

    def _search(self, user):
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", (self.ticket | self.open_ticket).ids)])
        )

    def test_agent_sees_team_tickets(self):
        self.assertEqual(self._search(self.agent), self.ticket | self.open_ticket)

    def test_outsider_sees_only_open_teams_and_own(self):
        self.assertEqual(self._search(self.outsider), self.open_ticket)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.ticket.with_user(self.outsider).read(["name"])
        self.ticket.user_id = self.outsider
        self.assertIn(
            self.ticket, self._search(self.outsider), "assigned tickets are visible"
        )

    def test_manager_sees_all(self):
        self.assertEqual(self._search(self.manager), self.ticket | self.open_ticket)

    def test_agent_cannot_configure_nor_delete(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["helpdesk.team"].with_user(self.agent).create({"name": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["helpdesk.stage"].with_user(self.agent).create({"name": "x"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.ticket.with_user(self.agent).unlink()
        self.ticket.with_user(self.manager).unlink()

    def test_employee_without_helpdesk_group(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["helpdesk.ticket"].with_user(self.employee).search([])
        self.assertTrue(self.team.with_user(self.employee).name, "teams are readable")

    def test_portal_and_public_cannot_write(self):
        for user in (self.portal, self.public):
            for model in HELPDESK_MODELS:
                with self.subTest(user=user.login, model=model):
                    self.assertFalse(
                        self.env[model].with_user(user).has_access("write")
                    )
                    self.assertFalse(
                        self.env[model].with_user(user).has_access("create")
                    )
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.ticket.with_user(user).write({"name": "hacked"})
        self.assertNotEqual(self.ticket.name, "hacked")

    def test_multi_company(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        team_b = self.env["helpdesk.team"].create(
            {
                "name": "Team B",
                "company_id": company_b.id,
                "privacy_visibility": "internal",
            }
        )
        ticket_b = self._create_tickets(1, team_id=team_b.id)
        self.assertEqual(ticket_b.company_id, company_b)
        for user in (self.agent, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.env["helpdesk.ticket"]
                    .with_user(user)
                    .search([("id", "=", ticket_b.id)])
                )
                self.assertFalse(
                    self.env["helpdesk.team"]
                    .with_user(user)
                    .search([("id", "=", team_b.id)])
                )
        self.manager.write({"company_ids": [Command.link(company_b.id)]})
        visible = (
            self.env["helpdesk.ticket"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[self.company.id, company_b.id])
            .search([("id", "=", ticket_b.id)])
        )
        self.assertEqual(visible, ticket_b)
