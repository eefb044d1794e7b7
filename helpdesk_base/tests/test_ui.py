# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "hd_tour_agent",
            name="Tour Agent",
            groups="helpdesk_base.helpdesk_base_group_user",
        )
        stages = cls.env["helpdesk.stage"].create(
            [
                {"name": "Tour New", "sequence": 1},
                {"name": "Tour Done", "sequence": 2, "is_closed": True},
            ]
        )
        cls.team = cls.env["helpdesk.team"].create(
            {
                "name": "Tour Team",
                "member_ids": [Command.set(cls.agent.ids)],
                "stage_ids": [Command.set(stages.ids)],
                "privacy_visibility": "invited_internal",
            }
        )
        cls.stage_done = stages[1]
        cls.env["helpdesk.ticket"].create(
            {"name": "Existing ticket", "team_id": cls.team.id}
        )

    def test_create_assign_close_from_kanban(self):
        self.start_tour("/odoo", "helpdesk_base_ticket_tour", login="hd_tour_agent")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour: printer jam")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertTrue(ticket.is_closed)
        self.assertTrue(ticket.date_closed)
        self.assertTrue(ticket.ticket_ref)
