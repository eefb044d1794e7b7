# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestTicketTasks(HelpdeskAfterSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project = cls.env["project.project"].create({"name": "T Field work"})
        cls.team.write({"use_project_tasks": True, "task_project_id": cls.project.id})

    def _task_wizard(self, ticket, user=None, **values):
        return self._after_sale_wizard(
            ticket, "action_open_task_wizard", user, **values
        )

    def _ticket_with_conversation(self):
        ticket = self._ticket(description="<p>The heater needs an engineer on site</p>")
        ticket.user_id = self.agent
        ticket.message_post(
            body="Customer: when can you come?",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env["ir.attachment"].create(
            {
                "name": "photo.jpg",
                "datas": base64.b64encode(b"a photo"),
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            }
        )
        return ticket

    def test_create_task_keeps_the_ticket(self):
        self.assertFalse(self.agent.has_group("project.group_project_user"))
        ticket = self._ticket_with_conversation()
        wizard = self._task_wizard(ticket, user=self.agent)
        self.assertEqual(wizard.project_id, self.project)
        self.assertEqual(wizard.name, ticket.name)
        action = wizard.action_create()
        task = ticket.task_ids
        # the agent sees the task when the project lets them, else the dialog closes
        self.assertEqual(
            action.get("res_id"),
            task.id if task.with_user(self.agent).has_access("read") else None,
        )
        self.assertEqual(len(task), 1)
        self.assertEqual(task.helpdesk_ticket_id, ticket)
        self.assertEqual(task.project_id, self.project)
        self.assertEqual(task.partner_id, self.buyer)
        self.assertEqual(task.user_ids, self.agent)
        self.assertIn("needs an engineer", task.description)
        self.assertIn(ticket.ticket_ref, task.description)
        self.assertEqual(
            self.env["ir.attachment"]
            .search([("res_model", "=", "project.task"), ("res_id", "=", task.id)])
            .mapped("name"),
            ["photo.jpg"],
        )
        self.assertTrue(ticket.active)
        self.assertEqual(ticket.tasks_count, 1)
        self.assertIn(task.name, ticket.message_ids[:1].body)
        # the ticket shows the task's stage
        stage = self.env["project.task.type"].create(
            {"name": "T On site", "project_ids": [(4, self.project.id)]}
        )
        task.stage_id = stage
        ticket.invalidate_recordset(["after_sale_ids"])
        row = ticket.with_user(self.agent).after_sale_ids
        self.assertEqual(row.kind, "task")
        self.assertEqual(row.state_label, "T On site")

    def test_convert_to_task_moves_the_conversation(self):
        ticket = self._ticket_with_conversation()
        messages = ticket.message_ids
        self.assertTrue(messages)
        activity = ticket.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.agent.id, summary="Call back"
        )
        wizard = self._task_wizard(ticket, user=self.agent, name="Engineer visit")
        wizard.action_convert()
        task = ticket.with_context(active_test=False).task_ids
        self.assertEqual(task.name, "Engineer visit")
        self.assertFalse(ticket.active, "the ticket is archived")
        self.assertEqual(task.helpdesk_ticket_id, ticket, "and points to the task")
        self.assertEqual(messages.mapped("model"), ["project.task"] * len(messages))
        self.assertEqual(set(messages.mapped("res_id")), {task.id})
        self.assertIn("when can you come", " ".join(task.message_ids.mapped("body")))
        self.assertEqual(
            self.env["ir.attachment"]
            .search([("res_model", "=", "project.task"), ("res_id", "=", task.id)])
            .mapped("name"),
            ["photo.jpg"],
        )
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
            )
        )
        self.assertEqual(activity.res_model, "project.task")
        self.assertEqual(activity.res_id, task.id)
        self.assertIn(self.agent.partner_id, task.message_partner_ids)
        self.assertNotIn(self.buyer, task.message_partner_ids)
        # converted once: the archived ticket refuses every action
        with self.assertRaisesRegex(UserError, "archived"):
            self._task_wizard(ticket, user=self.agent).action_convert()
        with self.assertRaisesRegex(UserError, "archived"):
            ticket.action_open_return_wizard()
        self.assertEqual(len(ticket.with_context(active_test=False).task_ids), 1)
        # the ticket keeps a note pointing to the task
        self.assertIn(task.name, ticket.message_ids[:1].body)
        self.assertEqual(ticket.message_ids, ticket.message_ids[:1])

    def test_timesheets_keep_working_on_the_task(self):
        timesheets = self.env["ir.module.module"]._get("hr_timesheet")
        if "timesheet_ids" not in self.env["project.task"]._fields:
            # without the Timesheets app there is nothing to log
            self.assertNotEqual(timesheets.state, "installed")
            return
        self.project.allow_timesheets = True
        ticket = self._ticket()
        self._task_wizard(ticket).action_convert()
        task = ticket.with_context(active_test=False).task_ids
        employee = self.env["hr.employee"].create(
            {"name": "T Engineer", "user_id": self.manager.id}
        )
        task.timesheet_ids = [
            (0, 0, {"name": "On site", "unit_amount": 2.0, "employee_id": employee.id})
        ]
        self.assertEqual(task.effective_hours, 2.0)
        self.assertEqual(task.timesheet_ids.project_id, self.project)

    def test_bad_tasks_refused(self):
        ticket = self._ticket()
        company_b = self.env["res.company"].create({"name": "T Company B"})
        foreign = self.env["project.project"].create(
            {"name": "T Other company", "company_id": company_b.id}
        )
        wizard = self._task_wizard(ticket, project_id=foreign.id)
        with self.assertRaisesRegex(UserError, "project of the ticket's company"):
            wizard.action_create()
        wizard.project_id = self.project
        wizard.name = "  "
        with self.assertRaisesRegex(UserError, "title"):
            wizard.action_convert()
        self.assertFalse(ticket.with_context(active_test=False).task_ids)
        self.assertTrue(ticket.active, "nothing half-made")
        no_tasks = self.env["helpdesk.team"].create({"name": "T No tasks"})
        with self.assertRaisesRegex(UserError, "(?i)does not do project tasks"):
            self._ticket(team_id=no_tasks.id).action_open_task_wizard()
        # an agent without Project rights picks among the company's projects only
        agent_env = self.env(
            user=self.agent, context={"helpdesk_after_sale_ticket_id": ticket.id}
        )
        found = agent_env["project.project"].web_name_search("T ", {"display_name": {}})
        ids = {f["id"] for f in found}
        self.assertIn(self.project.id, ids)
        self.assertNotIn(foreign.id, ids)
