# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskChannelTemplate(models.Model):
    """A message template approved by WhatsApp: the only message a business may
    send outside the 24-hour customer-service window."""

    _name = "helpdesk.channel.template"
    _description = "Helpdesk Messenger Template"
    _order = "channel_id, name, language"

    channel_id = fields.Many2one(
        "helpdesk.channel",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('provider', '=', 'whatsapp')]",
    )
    name = fields.Char(
        string="Template Name",
        required=True,
        help="The template's name as approved in WhatsApp Manager.",
    )
    language = fields.Char(
        required=True, default="en", help="Its language code (en, ru, uk, en_US...)."
    )
    body = fields.Text(help="What the template says (shown on the ticket).")
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint(
        "UNIQUE(channel_id, name, language)",
        "A template is listed once per channel and language.",
    )
