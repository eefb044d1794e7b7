# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSlaUi(HttpCase):
    def test_preview_button_does_not_save(self):
        """The policy form's preview shows the values being edited and leaves the
        policy as it was saved."""
        manager = new_test_user(
            self.env,
            "hd_sla_tour_manager",
            groups="helpdesk_base.helpdesk_base_group_manager",
        )
        team = self.env["helpdesk.team"].create(
            {"name": "Tour SLA Team", "member_ids": [Command.set(manager.ids)]}
        )
        sla = self.env["helpdesk.sla"].create(
            {"name": "Tour Policy", "team_id": team.id, "resolution_hours": 16.0}
        )
        self.start_tour(
            f"/odoo/action-helpdesk_sla.helpdesk_sla_action/{sla.id}",
            "helpdesk_sla_preview_tour",
            login="hd_sla_tour_manager",
        )
        sla.invalidate_recordset()
        self.assertEqual(sla.resolution_hours, 16.0)
