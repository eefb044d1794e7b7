# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailNotification(models.Model):
    """A reply sent to a messenger shows its delivery on the chatter message,
    as an e-mail or an SMS does (only notifications of this type are added)."""

    _inherit = "mail.notification"

    notification_type = fields.Selection(
        selection_add=[("helpdesk_channel", "Messenger")],
        ondelete={"helpdesk_channel": "cascade"},
    )
    failure_type = fields.Selection(
        selection_add=[("helpdesk_channel_refused", "Refused by the messenger")],
        ondelete={"helpdesk_channel_refused": "set null"},
    )
