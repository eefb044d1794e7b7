# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

# what WhatsApp accepts in a template's variable
MAX_PARAMETER = 1024
BAD_PARAMETER = re.compile(r"[\n\r\t]| {5,}")


class HelpdeskTicketChannelTemplate(models.TransientModel):
    """Write to a WhatsApp customer outside the 24-hour window: one of the
    channel's approved templates, its variables filled from the ticket (the
    agent may change them), posted on the ticket and sent."""

    _name = "helpdesk.ticket.channel.template"
    _description = "Send a Messenger Template from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    channel_id = fields.Many2one(related="ticket_id.channel_id")
    template_id = fields.Many2one(
        "helpdesk.channel.template",
        string="Template",
        required=True,
        domain="[('channel_id', '=', channel_id)]",
    )
    line_ids = fields.One2many(
        "helpdesk.ticket.channel.template.line",
        "wizard_id",
        string="Variables",
        compute="_compute_line_ids",
        # computed as the user: only those who may answer the ticket get values
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    preview = fields.Text(compute="_compute_preview")

    @api.model
    def default_get(self, fields_list):
        """The channel's template in the customer's language first."""
        values = super().default_get(fields_list)
        ticket = (
            self.env["helpdesk.ticket"]
            .browse(
                values.get("ticket_id") or self.env.context.get("default_ticket_id")
            )
            .exists()
        )
        if "template_id" in fields_list and not values.get("template_id") and ticket:
            ticket.check_access("write")
            templates = self.env["helpdesk.channel.template"].search(
                [("channel_id", "=", ticket.sudo().channel_id.id)]
            )
            lang = ticket.partner_id.lang
            values["template_id"] = (
                templates.filtered(lambda t: t._odoo_lang() == lang)[:1]
                or templates[:1]
            ).id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.ticket_id.check_access("write")
        return wizards

    @api.depends("template_id")
    def _compute_line_ids(self):
        for wizard in self:
            if wizard.ticket_id and wizard.template_id:
                # the values come from the ticket: for those who may answer it
                wizard.ticket_id.check_access("write")
            commands = [fields.Command.clear()]
            for variable in wizard.template_id.variable_ids:
                commands.append(
                    fields.Command.create(
                        {
                            "name": variable.name,
                            "source": variable.source,
                            "value": variable._value(wizard.ticket_id),
                        }
                    )
                )
            wizard.line_ids = commands

    @api.depends("template_id", "line_ids.value")
    def _compute_preview(self):
        for wizard in self:
            # an empty variable stays visible as {{n}}
            values = {name: value for name, value in wizard._values().items() if value}
            wizard.preview = (
                wizard.template_id._render(values) if wizard.template_id else ""
            )

    def _values(self):
        return {line.name: (line.value or "").strip() for line in self.line_ids}

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        template = self.template_id
        contact = ticket.sudo().channel_contact_id
        if (
            not template
            or not template.active
            or not contact
            or template.channel_id != contact.channel_id
        ):
            raise UserError(
                self.env._("Choose an active template of the ticket's channel.")
            )
        values = self._values()
        names = template._variable_names(template.body)
        missing = [name for name in names if not values.get(name)]
        if missing:
            raise UserError(
                self.env._(
                    "WhatsApp refuses a template with an empty variable: fill "
                    "%(variables)s.",
                    variables=", ".join(f"{{{{{name}}}}}" for name in missing),
                )
            )
        wrong = [
            name
            for name in names
            if len(values[name]) > MAX_PARAMETER or BAD_PARAMETER.search(values[name])
        ]
        if wrong:
            raise UserError(
                self.env._(
                    "WhatsApp takes a variable on one line, without tabs nor more "
                    "than four spaces in a row, and up to %(max)s characters: change "
                    "%(variables)s.",
                    max=MAX_PARAMETER,
                    variables=", ".join(f"{{{{{name}}}}}" for name in wrong),
                )
            )
        # posted without queueing (the context cannot name a template), then
        # queued with the template checked here
        message = ticket.with_context(helpdesk_channel_no_queue=True).message_post(
            # the template's lines kept, its text escaped
            body=plaintext2html(template._render(values) or template.name),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env["helpdesk.channel.message"]._queue_reply(
            ticket,
            message,
            template=template,
            params=[[name, values[name]] for name in names],
        )
        return {"type": "ir.actions.act_window_close"}
