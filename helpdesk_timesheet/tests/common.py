# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.helpdesk_base.tests.common import HelpdeskCase

TIMESHEET_USER = "hr_timesheet.group_hr_timesheet_user"


class HelpdeskTimesheetCase(HelpdeskCase):
    """A team that logs time, agents with and without timesheet rights, their
    employees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.timesheet_agent = new_test_user(
            cls.env,
            "hd_ts_agent",
            groups=f"helpdesk_base.helpdesk_base_group_user,{TIMESHEET_USER}",
        )
        cls.team.write(
            {
                "member_ids": [Command.link(cls.timesheet_agent.id)],
                "use_helpdesk_timesheet": True,
            }
        )
        Employee = cls.env["hr.employee"]
        cls.employee = Employee.create(
            {"name": "TS Agent", "user_id": cls.timesheet_agent.id}
        )
        cls.employee_plain = Employee.create(
            {"name": "Plain Agent", "user_id": cls.agent.id}
        )
        cls.ticket = cls._create_tickets(1)

    def _log(self, ticket, hours, user=None, **values):
        user = user or self.timesheet_agent
        return (
            self.env["account.analytic.line"]
            .with_user(user)
            .create(
                {
                    "helpdesk_ticket_id": ticket.id,
                    "name": values.pop("name", "Work"),
                    "unit_amount": hours,
                    **values,
                }
            )
        )
