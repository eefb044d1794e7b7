# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import plaintext2html

from ..providers.base import visible

# WhatsApp and Viber answer freely only within 24 hours of the customer's last
# message
WINDOW_HOURS = {"whatsapp": 24, "viber": 24}
# a ticket's title from the customer's first line
TITLE_LENGTH = 80


class HelpdeskChannelContact(models.Model):
    """A customer as a messenger knows them (a Telegram chat, a WhatsApp
    number...), linked to their contact."""

    _name = "helpdesk.channel.contact"
    _description = "Helpdesk Messenger Contact"
    _order = "last_inbound_date desc, id desc"

    channel_id = fields.Many2one(
        "helpdesk.channel", required=True, ondelete="cascade", index=True
    )
    provider = fields.Selection(related="channel_id.provider", store=True)
    external_id = fields.Char(
        string="Messenger ID", required=True, help="The chat, number or user id."
    )
    partner_id = fields.Many2one(
        "res.partner", string="Contact", index=True, ondelete="set null"
    )
    name = fields.Char()
    username = fields.Char()
    phone = fields.Char()
    last_inbound_date = fields.Datetime(
        string="Last Message", help="The customer's last message (messenger windows)."
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "channel_contact_id")

    _channel_external_unique = models.Constraint(
        "UNIQUE(channel_id, external_id)",
        "A messenger contact is unique per channel.",
    )

    def _window_end(self):
        """When the messenger stopped or stops taking free replies to this
        customer (24 h after their last message on WhatsApp and Viber), or
        False (no window, or no message from them yet)."""
        self.ensure_one()
        hours = WINDOW_HOURS.get(self.channel_id.provider)
        if not hours or not self.last_inbound_date:
            return False
        return self.last_inbound_date + timedelta(hours=hours)

    def _window_closed(self):
        """Whether the messenger refuses a free reply now (a customer who never
        wrote has no open window)."""
        self.ensure_one()
        if self.channel_id.provider not in WINDOW_HOURS:
            return False
        end = self._window_end()
        return not end or fields.Datetime.now() > end

    def _compute_display_name(self):
        for contact in self:
            handle = f"@{contact.username}" if contact.username else contact.external_id
            contact.display_name = (
                f"{contact.name} ({handle})" if contact.name else handle
            )

    def _get_conversation_ticket(self, inbound):
        """The ticket the customer's message goes to: the conversation's open
        ticket; a closed one reopened within the channel's days; else a new
        ticket (linked to the previous one)."""
        self.ensure_one()
        Ticket = self.env["helpdesk.ticket"].with_context(active_test=False)
        ticket = Ticket.search(
            [("channel_contact_id", "=", self.id)], order="id desc", limit=1
        )
        while ticket and not ticket.active and ticket.merged_into_id:
            ticket = ticket.merged_into_id
        if ticket and ticket.active:
            if not ticket.is_closed:
                return ticket
            channel = self.channel_id
            closed = ticket.date_closed
            stage = ticket._get_reopen_stage()
            if (
                closed
                and stage
                and channel.reopen_days > 0
                and fields.Datetime.now()
                <= closed + timedelta(days=channel.reopen_days)
            ):
                ticket.stage_id = stage
                return ticket
        return self._create_ticket(inbound, previous=ticket)

    def _create_ticket(self, inbound, previous=None):
        channel = self.channel_id
        lines = [visible(line) for line in (inbound.text or "").splitlines()]
        first_line = next((line for line in lines if line), "")
        if len(first_line) > TITLE_LENGTH:
            # cut between words, and say it goes on
            cut = first_line[:TITLE_LENGTH].rsplit(" ", 1)[0]
            first_line = (
                cut if len(cut) > TITLE_LENGTH // 2 else first_line[:TITLE_LENGTH]
            ) + "…"
        name = first_line or self.env._(
            "%(messenger)s message from %(customer)s",
            messenger=dict(channel._fields["provider"].selection).get(channel.provider),
            customer=self.partner_id.name or self.display_name,
        )
        values = {
            "name": name,
            "team_id": channel.team_id.id,
            "partner_id": self.partner_id.id,
            "channel_contact_id": self.id,
            "description": plaintext2html(inbound.text) if inbound.text else False,
            "medium_id": channel._utm_medium().id,
        }
        if previous:
            values["previous_ticket_id"] = previous.id
        return self.env["helpdesk.ticket"].create(values)
