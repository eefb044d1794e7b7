# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import HelpdeskTimesheetCase


@tagged("post_install", "-at_install")
class TestTicketTimesheets(HelpdeskTimesheetCase):
    def test_team_gets_its_project(self):
        project = self.team.project_id
        self.assertTrue(project.allow_timesheets)
        self.assertEqual(project.name, self.team.name)
        self.assertEqual(project.company_id, self.team.company_id)
        other = self.env["helpdesk.team"].create(
            {"name": "T Other", "use_helpdesk_timesheet": True}
        )
        self.assertTrue(other.project_id)
        self.assertNotEqual(other.project_id, project)
        off = self.env["helpdesk.team"].create({"name": "T Off"})
        self.assertFalse(off.project_id)
        off.use_helpdesk_timesheet = True
        self.assertTrue(off.project_id, "created when switched on")

    def test_log_time_on_a_ticket(self):
        line = self._log(self.ticket, 1.5)
        self.assertEqual(line.project_id, self.team.project_id)
        self.assertEqual(line.employee_id, self.employee)
        self.assertEqual(line.helpdesk_team_id, self.team)
        self.assertEqual(line.partner_id, self.customer)
        self._log(self.ticket, 0.25)
        self.assertAlmostEqual(self.ticket.total_hours_spent, 1.75)
        line.unit_amount = 2.0
        self.assertAlmostEqual(self.ticket.total_hours_spent, 2.25)
        line.unlink()
        self.assertAlmostEqual(self.ticket.total_hours_spent, 0.25)

    def test_bad_input_refused_with_a_reason(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 24"):
            self._log(self.ticket, -1.0)
        with self.assertRaisesRegex(ValidationError, "between 0 and 24"):
            self._log(self.ticket, 80.0)
        no_time = self.env["helpdesk.team"].create({"name": "T No time"})
        ticket = self._create_tickets(1, team_id=no_time.id)
        with self.assertRaisesRegex(ValidationError, "does not log time"):
            self._log(ticket, 1.0)
        other_project = self.env["project.project"].create(
            {"name": "Elsewhere", "allow_timesheets": True}
        )
        with self.assertRaisesRegex(ValidationError, "booked on the project"):
            self._log(self.ticket, 1.0, project_id=other_project.id)
        self.assertFalse(self.ticket.timesheet_ids, "nothing half-saved")

    def test_agents_log_their_own_time_and_see_totals(self):
        self._log(self.ticket, 1.0)
        # an agent without timesheet rights sees the total, not the lines
        ticket = self.ticket.with_user(self.agent)
        self.assertAlmostEqual(ticket.total_hours_spent, 1.0)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["account.analytic.line"].with_user(self.agent).search(
                [("helpdesk_ticket_id", "=", self.ticket.id)]
            ).read(["unit_amount"])
        # a timesheet user cannot edit a colleague's line
        colleague_line = self._log(
            self.ticket, 0.5, user=self.env.user, employee_id=self.employee_plain.id
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            colleague_line.with_user(self.timesheet_agent).write({"unit_amount": 3})

    def test_hours_spent_query_count_constant(self):
        tickets = self._create_tickets(20)
        for ticket in tickets:
            self._log(ticket, 1.0)
        self.env.flush_all()

        def read_list(records):
            records.with_user(self.agent).read(["name", "total_hours_spent"])

        read_list(tickets[:1])  # warm the access rules' caches
        few = self._count_queries(lambda: read_list(tickets[:3]))
        many = self._count_queries(lambda: read_list(tickets))
        self.assertEqual(few, many)

    def test_merged_tickets_bring_their_time(self):
        source, target = self._create_tickets(2)
        self._log(source, 1.0)
        self._log(target, 0.5)
        other_team = self.env["helpdesk.team"].create(
            {"name": "T Other logs", "use_helpdesk_timesheet": True}
        )
        elsewhere = self._create_tickets(1, team_id=other_team.id)
        self._log(elsewhere, 2.0)
        (source | target | elsewhere)._merge_into(target)
        self.assertAlmostEqual(target.total_hours_spent, 3.5)
        self.assertEqual(target.timesheet_ids.project_id, self.team.project_id)
        self.assertFalse(source.timesheet_ids)
