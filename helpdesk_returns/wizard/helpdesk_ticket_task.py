# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketTask(models.TransientModel):
    """Hand a ticket's work over to a project: a task linked to the ticket
    (which stays open), or the ticket converted into the task (its conversation
    moves there and the ticket is archived). Created as superuser after checking
    what the agent may do: agents hand work over without Project rights."""

    _name = "helpdesk.ticket.task"
    _description = "Project Task from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    project_id = fields.Many2one(
        "project.project",
        string="Project",
        compute="_compute_project_id",
        store=True,
        readonly=False,
        # agents without Project rights search among the ticket's company's
        # projects only (helpdesk.after.sale.choice)
    )
    name = fields.Char(
        string="Task Title", compute="_compute_name", store=True, readonly=False
    )
    description = fields.Html(
        compute="_compute_description", store=True, readonly=False
    )

    @api.depends("ticket_id")
    def _compute_project_id(self):
        for wizard in self:
            ticket = wizard.ticket_id
            projects = (
                ticket._task_projects() if ticket else self.env["project.project"]
            )
            default = ticket.team_id.sudo().task_project_id
            wizard.project_id = default if default in projects else projects[:1]

    @api.depends("ticket_id")
    def _compute_name(self):
        for wizard in self:
            wizard.name = wizard.ticket_id.name

    @api.depends("ticket_id")
    def _compute_description(self):
        for wizard in self:
            wizard.description = wizard.ticket_id.description

    def _check_request(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket._check_after_sale_allowed(
            ticket.use_project_tasks, self.env._("Project Tasks")
        )
        project = self.project_id.sudo()
        if not project or project not in ticket._task_projects():
            raise UserError(self.env._("Choose a project of the ticket's company."))
        if not (self.name or "").strip():
            raise UserError(self.env._("Give the task a title."))
        return ticket, project

    def _create_task(self, ticket, project):
        description = Markup("%s<p>%s</p>") % (
            self.description or "",
            self.env._("From the ticket %(ticket)s.", ticket=ticket._get_html_link()),
        )
        return (
            self.env["project.task"]
            .sudo()
            .with_company(project.company_id or ticket.company_id or self.env.company)
            .with_context(mail_create_nolog=True)
            .create(
                ticket._prepare_task_values(project, self.name.strip(), description)
            )
        )

    def _open(self, task):
        if task.with_env(self.env).has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "project.task",
                "res_id": task.id,
                "views": [(False, "form")],
            }
        return {"type": "ir.actions.act_window_close"}

    def action_create(self):
        """A task linked to the ticket, with its files; the ticket stays."""
        ticket, project = self._check_request()
        task = self._create_task(ticket, project)
        ticket._copy_attachments_to(task)
        ticket._post_after_sale_note(self.env._("Task"), task, project.display_name)
        return self._open(task)

    def action_convert(self):
        """The ticket becomes the task: messages, files and activities move to
        it, the ticket is archived and points to it."""
        ticket, project = self._check_request()
        task = self._create_task(ticket, project)
        ticket._move_conversation_to(task)
        task.sudo().message_post(
            body=self.env._(
                "Converted from the ticket %(ticket)s.",
                ticket=ticket._get_html_link(),
            ),
            subtype_xmlid="mail.mt_note",
        )
        ticket._post_after_sale_note(
            self.env._("Converted to the task"), task, project.display_name
        )
        ticket.active = False
        return self._open(task)
