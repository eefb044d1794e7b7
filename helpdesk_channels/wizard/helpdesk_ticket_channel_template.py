# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class HelpdeskTicketChannelTemplate(models.TransientModel):
    """Write to a WhatsApp customer outside the 24-hour window: one of the
    channel's approved templates, posted on the ticket and sent."""

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
    body = fields.Text(related="template_id.body")

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        template = self.template_id
        if not template or template.channel_id != ticket.sudo().channel_id:
            raise UserError(self.env._("Choose a template of the ticket's channel."))
        ticket.with_context(helpdesk_channel_template_id=template.id).message_post(
            body=template.body or template.name,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}
