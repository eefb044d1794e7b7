# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
import mimetypes
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, plaintext2html

from odoo.addons.helpdesk_base.tools import process_locked_batches

from ..providers import InboundMessage, ProviderError, get_provider

_logger = logging.getLogger(__name__)

BATCH_SIZE = 50
MAX_ATTEMPTS = 5
# never stored as a ticket's file, whatever the customer sends
BLOCKED_EXTENSIONS = {
    ".exe",
    ".msi",
    ".bat",
    ".cmd",
    ".com",
    ".scr",
    ".js",
    ".vbs",
    ".ps1",
    ".jar",
    ".apk",
    ".dll",
    ".sh",
    ".html",
    ".htm",
    ".svg",
}


class HelpdeskChannelEvent(models.Model):
    """What a messenger delivered to a channel's webhook, kept as it came until
    processed into the ticket; a failed event keeps its payload and its error,
    is retried and can be re-run: nothing is lost."""

    _name = "helpdesk.channel.event"
    _description = "Helpdesk Messenger Event"
    _order = "id desc"
    _rec_name = "external_event_id"

    channel_id = fields.Many2one(
        "helpdesk.channel", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", index=True)
    external_event_id = fields.Char(string="Event ID", required=True)
    payload = fields.Text(required=True)
    state = fields.Selection(
        [
            ("new", "To Process"),
            ("done", "Processed"),
            ("ignored", "Ignored"),
            ("error", "Failed"),
        ],
        default="new",
        required=True,
    )
    error = fields.Text()
    attempts = fields.Integer()
    next_attempt_date = fields.Datetime()
    contact_id = fields.Many2one("helpdesk.channel.contact", ondelete="set null")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", ondelete="set null", index="btree_not_null"
    )
    message_id = fields.Many2one("mail.message", ondelete="set null")

    _event_unique = models.Constraint(
        "UNIQUE(channel_id, external_event_id)",
        "A messenger event is stored once per channel.",
    )
    _state_index = models.Index("(state, id) WHERE state IN ('new', 'error')")

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_process(self, batch_size=BATCH_SIZE):
        """Process the waiting events, oldest first, a batch per commit; safe to
        run twice at once (rows locked and skipped by the other run)."""
        process_locked_batches(
            self,
            SQL(
                "state = 'new' OR (state = 'error' AND attempts < %s "
                "AND next_attempt_date <= %s)",
                MAX_ATTEMPTS,
                fields.Datetime.now(),
            ),
            lambda events: events._process(),
            batch_size,
        )

    def action_retry(self):
        """Re-run failed events now (from the channel's health panel)."""
        events = self.filtered(lambda e: e.state == "error")
        events.write({"state": "new", "attempts": 0, "next_attempt_date": False})
        self.env.ref("helpdesk_channels.ir_cron_process_events").sudo()._trigger()

    # ------------------------------------------------------------------ process
    def _process(self):
        for event in self:
            try:
                with self.env.cr.savepoint():
                    event._process_one()
            except ProviderError as error:
                event._fail(str(error), permanent=error.permanent)
            except Exception as error:  # noqa: BLE001 - a bad event never blocks the others
                _logger.exception("Helpdesk channel event %s failed", event.id)
                event._fail(f"{type(error).__name__}: {error}")

    def _fail(self, reason, permanent=False):
        attempts = self.attempts + 1
        self.write(
            {
                "state": "error",
                "error": reason,
                "attempts": MAX_ATTEMPTS if permanent else attempts,
                "next_attempt_date": fields.Datetime.now()
                + timedelta(minutes=2**attempts),
            }
        )

    def _process_one(self):
        channel = self.channel_id
        provider = get_provider(channel.provider)
        try:
            payload = json.loads(self.payload)
        except ValueError:
            self.write({"state": "ignored", "error": "not JSON"})
            return
        status = provider.parse_status(channel, payload)
        if status:
            external_id, state, error = status
            rows = self.env["helpdesk.channel.message"]._apply_status(
                channel, external_id, state, error
            )
            self.write(
                {
                    "state": "done" if rows else "ignored",
                    "error": False if rows else "a report on an unknown message",
                    "ticket_id": rows.ticket_id[:1].id,
                }
            )
            return
        try:
            inbound = provider.parse(channel, payload)
        except (AttributeError, TypeError, ValueError, KeyError, IndexError) as error:
            # a field of an unexpected type: nothing to retry, said plainly
            inbound = f"malformed event ({type(error).__name__})"
        if not isinstance(inbound, InboundMessage):
            self.write({"state": "ignored", "error": inbound})
            return
        bot = channel._processing_user()
        env = self.with_user(bot).with_company(channel.company_id or bot.company_id).env
        contact = channel.with_env(env)._get_or_create_contact(inbound)
        files, notes = channel._download_files(provider, inbound)
        ticket = contact._get_conversation_ticket(inbound)
        message = ticket._post_channel_message(contact, inbound, files, notes)
        self.write(
            {
                "state": "done",
                "error": False,
                "contact_id": contact.id,
                "ticket_id": ticket.id,
                "message_id": message.id,
            }
        )

    @api.model
    def _file_allowed(self, name, mimetype):
        extension = (mimetypes.guess_extension(mimetype or "") or "").lower()
        name = (name or "").strip().rstrip(".").lower()
        suffix = ("." + name.rsplit(".", 1)[-1]) if "." in name else ""
        risky = {"text/html", "image/svg+xml", "application/xhtml+xml"}
        return not ({suffix, extension} & BLOCKED_EXTENSIONS or mimetype in risky)

    @api.model
    def _file_notes(self, refused):
        return Markup("").join(Markup("<p><i>%s</i></p>") % note for note in refused)

    @api.model
    def _text_body(self, text, edited=False):
        body = plaintext2html(text) if text else Markup("")
        if edited:
            body = Markup("<p><i>%s</i></p>") % self.env._("(edited)") + body
        return body
