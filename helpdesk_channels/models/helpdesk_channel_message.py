# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

from odoo.addons.helpdesk_base.tools import process_locked_batches

from ..providers import OutboundFile, ProviderError, get_provider
from .helpdesk_channel_contact import WINDOW_HOURS

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 6


class HelpdeskChannelMessage(models.Model):
    """A team's reply on its way to the customer's messenger (the outbox), and
    what became of it."""

    _name = "helpdesk.channel.message"
    _description = "Helpdesk Messenger Reply"
    _order = "id desc"

    channel_id = fields.Many2one(
        "helpdesk.channel", required=True, ondelete="cascade", index=True
    )
    contact_id = fields.Many2one(
        "helpdesk.channel.contact", required=True, ondelete="cascade"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", ondelete="cascade", index="btree_not_null"
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="Message", ondelete="cascade", index="btree_not_null"
    )
    preview = fields.Char(
        string="Reply", related="mail_message_id.preview", related_sudo=True
    )
    external_message_id = fields.Char(
        string="Messenger Message ID", index="btree_not_null"
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("read", "Read"),
            ("failed", "Failed"),
            ("email", "Sent by E-mail Instead"),
            ("sms", "Sent by SMS Instead"),
        ],
        default="queued",
        required=True,
    )
    error = fields.Text()
    attempts = fields.Integer()
    next_attempt_date = fields.Datetime(default=fields.Datetime.now)
    sent_date = fields.Datetime()
    template_id = fields.Many2one(
        "helpdesk.channel.template",
        ondelete="set null",
        help="An approved template sent instead of free text (outside the window).",
    )
    template_params = fields.Json(
        help="The template's variables and their values: [[name, value], ...]."
    )
    notification_id = fields.Many2one(
        "mail.notification", ondelete="set null", help="Its delivery on the message."
    )

    _queue_index = models.Index("(next_attempt_date, id) WHERE state = 'queued'")

    # ------------------------------------------------------------------ queue
    @api.model
    def _queue_reply(self, ticket, message, template=None, params=None):
        """A public reply of the team on a messenger ticket: queued for the
        sending job (never sent in the request that posts it). ``template``
        and ``params``: an approved template checked by the template dialog."""
        contact = ticket.sudo().channel_contact_id
        if not contact or not contact.channel_id.active:
            return self.browse()
        row = self.sudo().create(
            {
                "channel_id": contact.channel_id.id,
                "contact_id": contact.id,
                "ticket_id": ticket.id,
                "mail_message_id": message.id,
                "template_id": template.id if template else False,
                "template_params": params or False,
            }
        )
        if template:
            # queued after the message's notifications were made
            self._attach_notifications(message)
        self.env.ref("helpdesk_channels.ir_cron_send_replies").sudo()._trigger()
        return row

    @api.model
    def _cron_send(self, batch_size=BATCH_SIZE):
        """Send the queued replies, oldest first, a batch per commit; rows are
        locked (a second run skips them)."""
        process_locked_batches(
            self,
            SQL(
                "state = 'queued' AND next_attempt_date <= %s",
                fields.Datetime.now(),
            ),
            lambda rows: rows._send_each(),
            batch_size,
        )

    def _send_each(self):
        for row in self:
            try:
                with self.env.cr.savepoint():
                    row._send()
            except Exception as error:  # noqa: BLE001 - one bad reply never blocks the queue
                _logger.exception("Helpdesk messenger reply %s failed", row.id)
                row._failed(f"{type(error).__name__}: {error}")

    def action_retry(self):
        """Send failed replies again (the customer unblocked the bot, wrote
        again...): an agent of the ticket may."""
        self.check_access("read")
        self.ticket_id.check_access("write")
        if not self or self.filtered(lambda r: r.state != "failed"):
            raise UserError(self.env._("Only a reply that failed is sent again."))
        self.sudo().write(
            {
                "state": "queued",
                "attempts": 0,
                "error": False,
                "next_attempt_date": fields.Datetime.now(),
            }
        )
        self.env.ref("helpdesk_channels.ir_cron_send_replies").sudo()._trigger()

    # ------------------------------------------------------------ fallback
    def _check_one(self):
        self.check_access("read")
        if len(self) != 1:
            raise UserError(self.env._("Choose one reply."))
        self.ticket_id.check_access("write")

    def _check_fallback(self):
        self._check_one()
        if self.state != "failed" or not self.ticket_id or not self.mail_message_id:
            raise UserError(
                self.env._("Only a reply the messenger refused is sent another way.")
            )
        return self.contact_id.partner_id or self.ticket_id.partner_id

    def _customer_notifications(self, kind=None):
        """The reply's notifications of the customer (``kind``: e-mail, sms)."""
        partner = self.contact_id.partner_id or self.ticket_id.partner_id
        return self.mail_message_id.sudo().notification_ids.filtered(
            lambda n: partner
            and n.res_partner_id == partner
            and (not kind or n.notification_type == kind)
        )

    def _emailed(self):
        """Whether the customer got this reply by e-mail too (an e-mail on its
        way or sent; a failed or bounced one does not count)."""
        return bool(
            self._customer_notifications("email").filtered(
                lambda n: n.notification_status not in ("exception", "bounce")
            )
        )

    def _drop_notification(self):
        """The reply's messenger delivery, and a failed e-mail of the
        customer, leave the chatter message: what is sent now takes their
        place."""
        failed = self._customer_notifications().filtered(
            lambda n: n.notification_status in ("exception", "bounce")
        )
        notifications = (self.notification_id | failed).sudo()
        self.sudo().notification_id = False
        notifications.unlink()

    def _recipient(self, partner, kind):
        ticket, message = self.ticket_id.sudo(), self.mail_message_id.sudo()
        recipient = self.env["mail.followers"]._get_recipient_data(
            ticket, "comment", message.subtype_id.id, partner.ids
        )[ticket.id][partner.id]
        return [{**recipient, "notif": kind}]

    def action_send_email(self):
        """The refused reply by e-mail to the customer (queued, like any
        notification e-mail; the customer's answer comes back to the ticket)."""
        partner = self._check_fallback()
        if not partner.email_normalized:
            raise UserError(
                self.env._(
                    "%(customer)s has no e-mail address: add one on the contact, or "
                    "send the reply by SMS.",
                    customer=partner.display_name or self.contact_id.display_name,
                )
            )
        if self._emailed():
            raise UserError(
                self.env._(
                    "%(customer)s got this reply by e-mail already.",
                    customer=partner.display_name,
                )
            )
        self._drop_notification()
        ticket = self.ticket_id.sudo()
        ticket._notify_thread_by_email(
            self.mail_message_id.sudo(),
            self._recipient(partner, "email"),
            force_send=False,
        )
        ticket._wake_mail_queue()
        return self._fallback_done(
            "email",
            self.env._("The reply goes to %(email)s.", email=partner.email_normalized),
        )

    def action_send_sms(self):
        """The refused reply's text by SMS to the customer's phone (queued),
        shown on the reply itself like any SMS notification."""
        partner = self._check_fallback()
        number = partner.phone_sanitized or partner.phone or self.contact_id.phone
        if not number:
            raise UserError(
                self.env._(
                    "%(customer)s has no phone number: add one on the contact, or "
                    "send the reply by e-mail.",
                    customer=partner.display_name or self.contact_id.display_name,
                )
            )
        text, _attachments = self._payload()
        if not text:
            raise UserError(
                self.env._("An SMS carries text only: this reply has none.")
            )
        self._drop_notification()
        if self._customer_notifications():
            # the customer has the reply by e-mail already (one notification a
            # person and message): the SMS is a message of its own
            self.ticket_id._message_sms(
                body=text,
                partner_ids=partner.ids,
                sms_pid_to_number={partner.id: number},
                put_in_queue=True,
            )
        else:
            self.ticket_id.sudo()._notify_thread_by_sms(
                self.mail_message_id.sudo(),
                self._recipient(partner, "sms"),
                sms_content=text,
                sms_pid_to_number={partner.id: number},
                put_in_queue=True,
            )
            self.mail_message_id.sudo()._notify_message_notification_update()
        return self._fallback_done(
            "sms", self.env._("The reply goes by SMS to %(number)s.", number=number)
        )

    def _fallback_done(self, state, message):
        # an agent may send their team's reply another way (they cannot edit
        # the outbox otherwise)
        self.sudo().write({"state": state, "sent_date": fields.Datetime.now()})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _attach_notifications(self, message):
        """Once the message's own notifications are made: the customer's
        delivery by messenger on the chatter message, unless the customer has
        one already (an e-mail: one notification a person and message)."""
        rows = self.sudo().search(
            [("mail_message_id", "=", message.id), ("notification_id", "=", False)]
        )
        existing = {n.res_partner_id: n for n in message.sudo().notification_ids}
        values = {
            "notification_type": "helpdesk_channel",
            "notification_status": "ready",
            "failure_type": False,
            "failure_reason": False,
            "is_read": True,
        }
        for row in rows:
            partner = row.contact_id.partner_id
            notification = existing.get(partner)
            if not partner:
                continue
            if notification:
                # an e-mail that cannot go (the customer has no address) is this
                # reply's messenger delivery instead; a real e-mail stays
                if notification.notification_type != "email" or (
                    partner.email_normalized
                ):
                    continue
                mail = notification.mail_mail_id
                notification.write({**values, "mail_mail_id": False})
                if mail and mail.state in ("outgoing", "exception"):
                    # the e-mail that could not go is not attempted either
                    if mail.recipient_ids == partner and not mail.email_to:
                        mail.unlink()
                    else:
                        mail.recipient_ids = [fields.Command.unlink(partner.id)]
            else:
                notification = (
                    self.env["mail.notification"]
                    .sudo()
                    .create(
                        {
                            **values,
                            "mail_message_id": message.id,
                            "res_partner_id": partner.id,
                            "author_id": message.author_id.id,
                        }
                    )
                )
            row.notification_id = notification
            row._sync_notifications()

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals or "error" in vals:
            self._sync_notifications()
        return res

    def _sync_notifications(self):
        """The chatter message says where its reply is: queued (ready), sent
        (pending), delivered or read (delivered), failed (with the reason)."""
        status = {
            "queued": "ready",
            "sent": "pending",
            "delivered": "sent",
            "read": "sent",
            "failed": "exception",
        }
        for row in self.filtered("notification_id"):
            failed = row.state == "failed"
            row.notification_id.sudo().write(
                {
                    "notification_status": status[row.state],
                    "failure_type": "helpdesk_channel_refused" if failed else False,
                    "failure_reason": row.error if failed else False,
                }
            )
        self.mail_message_id.sudo()._notify_message_notification_update()

    # ------------------------------------------------------------------ send
    def _window_closed(self):
        """Why the messenger refuses a free reply now, or ''."""
        if not self.contact_id._window_closed():
            return ""
        reason = self.env._(
            "%(messenger)s delivers free-form replies only within %(hours)s hours "
            "of the customer's last message.",
            messenger=self.channel_id.display_name,
            hours=WINDOW_HOURS[self.channel_id.provider],
        )
        if self.channel_id.provider == "whatsapp":
            reason += " " + self.env._(
                "Or write with an approved template (WhatsApp Template button)."
            )
        return reason

    def _payload(self, provider=None):
        """The reply's text and files (``OutboundFile``); a public link to each
        file for a messenger that fetches files itself (Viber)."""
        message = self.mail_message_id
        text = html2plaintext(message.body or "").strip()
        files = []
        for attachment in message.attachment_ids.sudo():
            file = OutboundFile(
                attachment.name,
                attachment.mimetype or "application/octet-stream",
                base64.b64decode(attachment.datas or b""),
            )
            if provider and provider.public_file_urls:
                file.url = (
                    f"{self.ticket_id.get_base_url()}/web/content/{attachment.id}"
                    f"?access_token={attachment.generate_access_token()[0]}"
                    "&download=true"
                )
            files.append(file)
        return text, files

    def _send(self):
        self.ensure_one()
        closed = not self.template_id and self._window_closed()
        if closed:
            if self._emailed():
                # the customer follows the ticket by e-mail: the reply reached
                # them there, nothing to fix
                self.write({"state": "email", "sent_date": fields.Datetime.now()})
            else:
                self._failed(closed)
            return
        provider = get_provider(self.channel_id.provider)
        text, attachments = self._payload(provider)
        try:
            if self.template_id:
                external_id = provider.send_template(
                    self.channel_id,
                    self.contact_id,
                    self.template_id,
                    self.template_params or [],
                )
            else:
                external_id = provider.send(
                    self.channel_id,
                    self.contact_id,
                    text,
                    attachments,
                    ticket=self.ticket_id,
                    key=self.id,
                )
        except ProviderError as error:
            attempts = self.attempts + 1
            if error.permanent or attempts >= MAX_ATTEMPTS:
                self.attempts = attempts
                self._failed(str(error))
                return
            delay = error.retry_after or 30 * 2 ** (attempts - 1)
            self.write(
                {
                    "attempts": attempts,
                    "error": str(error),
                    "next_attempt_date": fields.Datetime.now()
                    + timedelta(seconds=float(delay)),
                }
            )
            return
        self.write(
            {
                "state": "sent",
                "error": False,
                "external_message_id": external_id or False,
                "sent_date": fields.Datetime.now(),
            }
        )

    def _failed(self, reason):
        """Failed for good: said on the ticket for the team (an internal note)."""
        self.write({"state": "failed", "error": reason})
        ticket = self.ticket_id
        if ticket:
            preview = self.mail_message_id.sudo().preview or ""
            if len(preview) > 60:
                preview = preview[:60].rsplit(" ", 1)[0] + "…"
            ticket.sudo().message_post(
                body=Markup("<p>%s</p><p><i>%s</i></p><p>%s</p>")
                % (
                    self.env._(
                        "The reply “%(reply)s” did not reach the customer on "
                        "%(channel)s:",
                        reply=preview,
                        channel=self.channel_id.display_name,
                    ),
                    reason,
                    self.env._("Messenger tab: send it by e-mail or SMS, or retry."),
                ),
                subtype_xmlid="mail.mt_note",
                parent_id=self.mail_message_id.id,
            )

    @api.model
    def _apply_status(self, channel, external_id, state, error=""):
        """A delivery report of the messenger (delivered, read, failed)."""
        rows = self.sudo().search(
            [("channel_id", "=", channel.id), ("external_message_id", "=", external_id)]
        )
        order = ["queued", "sent", "delivered", "read"]
        for row in rows:
            if state == "failed":
                row._failed(error or self.env._("The messenger reports a failure."))
            elif row.state in order and order.index(state) > order.index(row.state):
                row.state = state
        return rows
