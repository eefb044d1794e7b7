# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
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


class HelpdeskBillingCase(HelpdeskTimesheetCase):
    """A team that bills its time; a prepaid pack product and the postpaid
    "Service on Timesheets"; a customer company with a contact; a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team.write({"use_helpdesk_sale_timesheet": True, "low_balance_hours": 0})
        cls.salesman = new_test_user(
            cls.env,
            "hd_salesman",
            groups="sales_team.group_sale_salesman,"
            f"helpdesk_base.helpdesk_base_group_user,{TIMESHEET_USER}",
            email="salesman@example.com",
        )
        cls.team.member_ids = [Command.link(cls.salesman.id)]
        uom_hour = cls.env.ref("uom.product_uom_hour")
        cls.product_prepaid = cls.env["product.product"].create(
            {
                "name": "T Support pack",
                "type": "service",
                "service_policy": "ordered_prepaid",
                "uom_id": uom_hour.id,
                "list_price": 400.0,
            }
        )
        cls.product_postpaid = cls.env.ref("sale_timesheet.time_product")
        cls.company_customer = cls.env["res.partner"].create(
            {"name": "T Acme", "is_company": True, "email": "acme@example.com"}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "T Acme Contact",
                "parent_id": cls.company_customer.id,
                "email": "contact@acme.example.com",
            }
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "T Other Co", "is_company": True}
        )

    @classmethod
    def _order(cls, partner, product, qty, days_ago=0, confirm=True):
        """A sales order of ``qty`` ``product`` for ``partner``, dated
        ``days_ago`` days back; its line."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesman.id,
                "date_order": fields.Datetime.now() - timedelta(days=days_ago),
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty})
                ],
            }
        )
        if confirm:
            order.action_confirm()
            # confirming dates the order today: keep the wanted age
            order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order.order_line

    def _ticket_for(self, partner, **values):
        return self._create_tickets(1, partner_id=partner.id, **values)
