# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_datetime


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    channel_contact_id = fields.Many2one(
        "helpdesk.channel.contact",
        string="Messenger Conversation",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        groups="base.group_user",
        help="The messenger conversation the ticket came from; public replies go "
        "back there.",
    )
    channel_id = fields.Many2one(
        "helpdesk.channel",
        string="Messenger Channel",
        related="channel_contact_id.channel_id",
        store=True,
        index="btree_not_null",
    )
    channel_provider = fields.Selection(
        related="channel_id.provider", string="Messenger", store=True
    )
    channel_message_ids = fields.One2many(
        "helpdesk.channel.message",
        "ticket_id",
        string="Messenger Replies",
        groups="base.group_user",
    )
    channel_window_end = fields.Datetime(
        string="Messenger Window Ends",
        compute="_compute_channel_window",
        groups="base.group_user",
        help="WhatsApp and Viber take free replies only within 24 hours of the "
        "customer's last message.",
    )
    channel_window_closed = fields.Boolean(
        compute="_compute_channel_window", groups="base.group_user"
    )
    channel_window_info = fields.Char(
        compute="_compute_channel_window", groups="base.group_user"
    )
    origin_channel_id = fields.Many2one(
        "discuss.channel",
        string="Live Chat",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The live chat conversation the ticket was made from.",
    )
    previous_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Previous Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The conversation's earlier ticket (closed before the customer wrote "
        "again).",
    )

    @api.depends("channel_contact_id.last_inbound_date")
    def _compute_channel_window(self):
        for ticket in self:
            contact = ticket.sudo().channel_contact_id
            ticket.channel_window_end = contact._window_end() if contact else False
            ticket.channel_window_closed = closed = bool(
                contact and contact._window_closed()
            )
            info = ""
            if closed:
                messenger = contact.channel_id._fields["provider"].convert_to_export(
                    contact.channel_id.provider, contact.channel_id
                )
                if ticket.channel_window_end:
                    info = self.env._(
                        "%(messenger)s takes free-form replies only within 24 hours "
                        "of the customer's last message (%(date)s).",
                        messenger=messenger,
                        date=format_datetime(
                            self.env, contact.last_inbound_date, dt_format="short"
                        ),
                    )
                else:
                    info = self.env._(
                        "%(messenger)s takes free-form replies only within 24 hours "
                        "of the customer's last message.",
                        messenger=messenger,
                    )
                info += " " + self.env._(
                    "A reply written now goes by e-mail if the customer follows the "
                    "ticket by e-mail; otherwise the messenger refuses it, and the "
                    "Messenger tab sends it by e-mail or SMS."
                )
                if contact.channel_id.provider == "whatsapp":
                    info += " " + self.env._("Or write with an approved template.")
            ticket.channel_window_info = info

    def _post_channel_message(self, contact, inbound, files, notes):
        """The customer's messenger message on the ticket, as the customer."""
        self.ensure_one()
        Event = self.env["helpdesk.channel.event"]
        body = Event._text_body(inbound.text, edited=inbound.edited)
        if notes:
            body += Event._file_notes(notes)
        if not body and files:
            body = Markup("")
        # dated when the customer wrote (a message processed late, retried...)
        now = fields.Datetime.now()
        date = inbound.date if inbound.date and inbound.date < now else None
        return self.message_post(
            body=body,
            author_id=contact.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=files,
            **({"date": date} if date else {}),
        )

    def _on_agent_message(self, message):
        """A public reply of the team goes back to the messenger conversation
        (queued; internal notes never leave)."""
        res = super()._on_agent_message(message)
        if self.sudo().channel_contact_id and not self.env.context.get(
            "helpdesk_channel_no_queue"
        ):
            self.env["helpdesk.channel.message"]._queue_reply(self, message)
        return res

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if self.sudo().channel_contact_id:
            self.env["helpdesk.channel.message"]._attach_notifications(message)
        return recipients
