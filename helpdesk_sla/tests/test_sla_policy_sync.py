# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import tagged

from .common import SlaCase


@tagged("post_install", "-at_install")
class TestSlaPolicySync(SlaCase):
    """Open tickets already there follow new and changed policies."""

    def test_new_policy_applies_to_open_tickets(self):
        open_ticket, closed_ticket = self._create_tickets(2)
        closed_ticket.stage_id = self.stage_done
        other_team_ticket = self._create_tickets(1, team_id=self.team2.id)
        self.assertFalse((open_ticket | closed_ticket).sla_status_ids)
        policy = self._create_sla()
        self.assertTrue(policy.is_sync_pending)
        self.Sla._cron_sync_pending()
        self.assertFalse(policy.is_sync_pending)
        self.assertEqual(
            set(open_ticket.sla_status_ids.mapped("target")),
            {"first_response", "resolution"},
        )
        self.assertEqual(self._line(open_ticket, "resolution").sla_id, policy)
        self.assertFalse(closed_ticket.sla_status_ids.filtered("deadline"))
        self.assertFalse(other_team_ticket.sla_status_ids)
        # a second run has nothing to do and changes nothing
        lines = open_ticket.sla_status_ids
        self.Sla._cron_sync_pending()
        self.assertEqual(open_ticket.sla_status_ids, lines)

    def test_changed_scope_drops_running_lines(self):
        policy = self._create_sla()
        ticket = self._create_tickets(1, priority="0")
        self.assertTrue(ticket.sla_status_ids)
        policy.priority_ids = [Command.set(self._priorities("3").ids)]
        self.Sla._cron_sync_pending()
        self.assertFalse(ticket.sla_status_ids, "the ticket no longer matches")

    def test_team_change_drops_lines_of_former_team(self):
        policy = self._create_sla()
        ticket = self._create_tickets(1)
        self.assertTrue(ticket.sla_status_ids)
        policy.team_id = self.team2
        self.assertFalse(ticket.sla_status_ids)

    def test_renaming_schedules_nothing(self):
        policy = self._create_sla()
        self.Sla._cron_sync_pending()
        policy.name = "Renamed"
        self.assertFalse(policy.is_sync_pending)
