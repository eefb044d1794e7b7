# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
import os
import re
import secrets
from datetime import timedelta

import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..providers import PROVIDERS, ProviderError, get_provider
from ..providers.base import MAX_BODY_BYTES

_logger = logging.getLogger(__name__)

PROVIDER_SELECTION = [
    ("telegram", "Telegram"),
    ("whatsapp", "WhatsApp"),
    ("viber", "Viber"),
    ("vk", "VK"),
    ("webhook", "Webhook"),
]
# the secrets of a channel: administrators only, never shown back in full
CREDENTIAL_FIELDS = (
    "token",
    "webhook_secret",
    "wa_app_secret",
    "wa_verify_token",
    "vk_secret",
    "vk_confirmation_code",
)


def _new_key(*_args):
    return secrets.token_urlsafe(24)


class HelpdeskChannel(models.Model):
    """A messenger account (a Telegram bot, a WhatsApp number, a Viber bot, a
    VK community, any JSON webhook) whose conversations become tickets of a
    team, and to which the team's replies go back."""

    _name = "helpdesk.channel"
    _description = "Helpdesk Messenger Channel"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    provider = fields.Selection(PROVIDER_SELECTION, required=True, default="telegram")
    team_id = fields.Many2one(
        "helpdesk.team",
        string="Team",
        required=True,
        ondelete="restrict",
        index=True,
        help="The team whose inbox receives the conversations.",
    )
    company_id = fields.Many2one(related="team_id.company_id", store=True)
    api_base_url = fields.Char(
        string="API Base URL",
        compute="_compute_api_base_url",
        store=True,
        readonly=False,
        help="The provider's API (official by default; a proxy or a test server "
        "may replace it).",
    )
    webhook_key = fields.Char(
        default=_new_key,
        required=True,
        copy=False,
        groups="base.group_system",
        help="The random part of the webhook URL.",
    )
    webhook_url = fields.Char(
        string="Webhook URL", compute="_compute_webhook_url", groups="base.group_system"
    )
    # credentials: administrators only
    token = fields.Char(
        string="Access Token",
        groups="base.group_system",
        copy=False,
        help="Telegram: the bot token from @BotFather. WhatsApp: a permanent access "
        "token of the system user. Viber: the bot's authentication token. VK: a "
        "community access token with the messages right.",
    )
    webhook_secret = fields.Char(
        default=_new_key,
        groups="base.group_system",
        copy=False,
        help="Telegram: the secret token of the webhook. Webhook: the HMAC key of "
        "both directions.",
    )
    wa_phone_number_id = fields.Char(string="WhatsApp Phone Number ID")
    wa_business_account_id = fields.Char(
        string="WhatsApp Business Account ID",
        help="To fetch the approved message templates.",
    )
    wa_app_secret = fields.Char(
        string="WhatsApp App Secret", groups="base.group_system", copy=False
    )
    wa_verify_token = fields.Char(
        string="WhatsApp Verify Token",
        default=_new_key,
        groups="base.group_system",
        copy=False,
    )
    vk_group_id = fields.Char(string="VK Community ID")
    vk_secret = fields.Char(
        string="VK Secret Key", groups="base.group_system", copy=False
    )
    vk_confirmation_code = fields.Char(
        string="VK Confirmation Code", groups="base.group_system", copy=False
    )
    outbound_url = fields.Char(
        string="Replies URL",
        groups="base.group_system",
        help="Webhook: where the team's replies are POSTed (signed).",
    )
    # threading
    reopen_days = fields.Integer(
        string="Reopen Within (Days)",
        default=7,
        help="A customer writing within this many days after their ticket was "
        "closed reopens it; later, a new ticket linked to the old one is opened.",
    )
    max_file_mb = fields.Integer(
        string="Largest File (MB)",
        default=20,
        help="Larger files of the customers are not downloaded (the message says so).",
    )
    template_ids = fields.One2many(
        "helpdesk.channel.template",
        "channel_id",
        string="Approved Templates",
        help="WhatsApp: the templates approved in WhatsApp Manager, for writing "
        "outside the 24-hour window.",
    )
    state = fields.Selection(
        [("draft", "Not Connected"), ("connected", "Connected"), ("error", "Error")],
        default="draft",
        readonly=True,
        copy=False,
    )
    # health
    last_event_date = fields.Datetime(compute="_compute_health")
    last_error = fields.Text(compute="_compute_health")
    events_24h = fields.Integer(string="Events (24 h)", compute="_compute_health")
    failures_24h = fields.Integer(string="Failures (24 h)", compute="_compute_health")
    pending_events = fields.Integer(compute="_compute_health")

    _webhook_key_unique = models.Constraint(
        "UNIQUE(webhook_key)", "Two channels cannot share a webhook key."
    )

    @api.depends("provider")
    def _compute_api_base_url(self):
        for channel in self:
            provider = get_provider(channel.provider)
            if not channel.api_base_url or channel.api_base_url in {
                p.default_api_url for p in PROVIDERS.values()
            }:
                channel.api_base_url = provider.default_api_url if provider else False

    @api.depends("provider", "webhook_key")
    def _compute_webhook_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for channel in self:
            channel.webhook_url = (
                f"{base.rstrip('/')}/helpdesk/channel/{channel.provider}/"
                f"{channel.webhook_key}"
                if channel.webhook_key
                else False
            )

    def _compute_health(self):
        """From the event queue, one grouped read per figure (the webhook never
        writes the channel row: no lock between concurrent deliveries)."""
        Event = self.env["helpdesk.channel.event"].sudo()
        since = fields.Datetime.now() - timedelta(hours=24)
        domain = [("channel_id", "in", self.ids)]
        last = dict(Event._read_group(domain, ["channel_id"], ["create_date:max"]))
        recent = dict(
            Event._read_group(
                domain + [("create_date", ">=", since)], ["channel_id"], ["__count"]
            )
        )
        failed = dict(
            Event._read_group(
                domain + [("state", "=", "error"), ("write_date", ">=", since)],
                ["channel_id"],
                ["__count"],
            )
        )
        pending = dict(
            Event._read_group(
                domain + [("state", "=", "new")], ["channel_id"], ["__count"]
            )
        )
        errors = {
            event.channel_id: event.error
            for event in Event.search(
                domain + [("state", "=", "error")], order="write_date asc, id asc"
            )
        }
        for channel in self:
            key = channel._origin
            channel.last_event_date = last.get(key)
            channel.events_24h = recent.get(key, 0)
            channel.failures_24h = failed.get(key, 0)
            channel.pending_events = pending.get(key, 0)
            channel.last_error = errors.get(key) or False

    # ------------------------------------------------------------------ webhook
    @api.model
    def _receive_webhook(self, provider_code, key, method, headers, body, args):
        """A provider's request: (HTTP status, text). Verifies it in constant
        time, stores its events (duplicates dropped by the unique key), wakes
        the processing job. No network call, no ticket work here."""
        provider = get_provider(provider_code)
        channel = (
            self.sudo().search(
                [
                    ("webhook_key", "=", key),
                    ("provider", "=", provider_code),
                    ("active", "=", True),
                ],
                limit=1,
            )
            if provider and key
            else self.browse()
        )
        if not channel:
            return 404, "Not Found"
        if len(body) > MAX_BODY_BYTES:
            return 400, "Body Too Large"
        answer = provider.handshake(channel, method, body, headers, args)
        if answer and method == "GET":
            return answer
        if method != "POST":
            return 405, "Method Not Allowed"
        if not provider.verify(channel, body, headers, args):
            _logger.warning(
                "Helpdesk channel %s: a %s webhook request with a wrong signature "
                "was refused",
                channel.id,
                provider_code,
            )
            return 403, "Forbidden"
        if answer:
            return answer
        payload = provider.loads(body)
        if payload is None:
            return 400, "Bad Request"
        events = provider.split(channel, payload)
        if not events:
            return 400, "No Event"
        channel._store_events(events)
        return 200, provider.success_text(channel)

    def _store_events(self, events):
        """Insert the events; a provider's retry of an event already stored is
        dropped by the unique (channel, event id) index."""
        self.ensure_one()
        values = [
            SQL(
                "(%s, %s, %s, 'new', %s, NOW() AT TIME ZONE 'UTC', "
                "NOW() AT TIME ZONE 'UTC', %s, %s)",
                self.id,
                event_id,
                json.dumps(payload),
                self.company_id.id or None,
                self.env.uid,
                self.env.uid,
            )
            for event_id, payload in events
        ]
        self.env.cr.execute(
            SQL(
                "INSERT INTO helpdesk_channel_event (channel_id, external_event_id, "
                "payload, state, company_id, create_date, write_date, create_uid, "
                "write_uid) VALUES %s ON CONFLICT (channel_id, external_event_id) "
                "DO NOTHING RETURNING id",
                SQL(", ").join(values),
            )
        )
        if self.env.cr.fetchall():
            self.env.ref("helpdesk_channels.ir_cron_process_events").sudo()._trigger()

    # ------------------------------------------------------------------ actions
    def action_connect(self):
        """Register the webhook where the provider allows it (Telegram, Viber);
        the others are set up in the provider's settings with the values shown."""
        self.ensure_one()
        provider = get_provider(self.provider)
        try:
            message = provider.register_webhook(self)
        except ProviderError as error:
            self.state = "error"
            raise UserError(
                self.env._("The provider refused: %(error)s", error=str(error))
            ) from error
        self.state = "connected"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": message, "sticky": False},
        }

    def action_sync_templates(self):
        """The approved WhatsApp templates of the business account, listed on
        the channel (new ones added, the others kept, those gone archived)."""
        self.ensure_one()
        if self.provider != "whatsapp" or not self.wa_business_account_id:
            raise UserError(
                self.env._("Set the WhatsApp Business Account ID of the channel first.")
            )
        try:
            fetched = get_provider("whatsapp").fetch_templates(self)
        except ProviderError as error:
            raise UserError(
                self.env._("The provider refused: %(error)s", error=str(error))
            ) from error
        Template = self.env["helpdesk.channel.template"].with_context(active_test=False)
        existing = {
            (t.name, t.language): t
            for t in Template.search([("channel_id", "=", self.id)])
        }
        seen = Template
        for name, language, body in fetched:
            template = existing.get((name, language))
            if template:
                template.write({"body": body, "active": True})
            else:
                template = Template.create(
                    {
                        "channel_id": self.id,
                        "name": name,
                        "language": language,
                        "body": body,
                    }
                )
            seen |= template
        (Template.browse([t.id for t in existing.values()]) - seen).active = False
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s approved templates.", count=len(fetched)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_regenerate_key(self):
        for channel in self:
            channel.sudo().webhook_key = _new_key()
            channel.state = "draft"

    def action_view_events(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Events of %(channel)s", channel=self.display_name),
            "res_model": "helpdesk.channel.event",
            "domain": [("channel_id", "=", self.id)],
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------ processing
    def _processing_user(self):
        """The technical user the events are processed as: helpdesk rights, not
        the superuser; given the channel's company when it lacks it."""
        self.ensure_one()
        bot = self.env.ref("helpdesk_channels.user_channel_bot").sudo()
        company = self.company_id
        if company and company not in bot.company_ids:
            bot.company_ids = [fields.Command.link(company.id)]
        return bot

    def _get_or_create_contact(self, inbound):
        """The customer's messenger identity, and its contact: found by phone
        (or e-mail), else created."""
        self.ensure_one()
        if len(re.sub(r"\D", "", inbound.phone or "")) < 5:
            # no number in it (a name, a symbol): not a phone
            inbound.phone = ""
        Contact = self.env["helpdesk.channel.contact"]
        contact = Contact.search(
            [("channel_id", "=", self.id), ("external_id", "=", inbound.external_id)],
            limit=1,
        )
        # the messenger's window runs from when the customer wrote (the event
        # may be processed later), never from the future
        now = fields.Datetime.now()
        wrote = min(inbound.date or now, now)
        values = {}
        if (
            not contact
            or not contact.last_inbound_date
            or (contact.last_inbound_date < wrote)
        ):
            values["last_inbound_date"] = wrote
        for name in ("name", "username", "phone"):
            value = getattr(inbound, name)
            if value and (not contact or contact[name] != value):
                values[name] = value
        if contact:
            contact.write(values)
        else:
            contact = Contact.create(
                {"channel_id": self.id, "external_id": inbound.external_id, **values}
            )
        if not contact.partner_id:
            contact.partner_id = self._find_or_create_partner(inbound)
        elif inbound.phone and not contact.partner_id.phone:
            contact.partner_id.phone = inbound.phone
        return contact

    @api.model
    def _find_partner_by_phone(self, number, country=False):
        """The oldest contact whose number is ``number``, in any format."""
        Partner = self.env["res.partner"]
        if not number:
            return Partner
        sanitized = Partner._phone_format(
            number=number, country=country, force_format="E164"
        )
        if number.strip().startswith("+") and (
            not sanitized or not re.fullmatch(r"\+\d+", sanitized)
        ):
            # without a country to parse with, an international number is
            # still its digits
            sanitized = "+" + re.sub(r"\D", "", number)
        if not sanitized:
            return Partner
        return Partner.search(
            [("phone_sanitized", "=", sanitized)], order="id", limit=1
        )

    def _find_or_create_partner(self, inbound):
        Partner = self.env["res.partner"]
        partner = self._find_partner_by_phone(inbound.phone, self.company_id.country_id)
        if not partner and inbound.email:
            partner = Partner.search(
                [("email_normalized", "=", inbound.email.strip().lower())],
                order="id",
                limit=1,
            )
        if partner:
            return partner
        label = dict(self._fields["provider"].selection).get(self.provider)
        values = {
            "name": inbound.name
            or (inbound.username and f"@{inbound.username}")
            or f"{label} {inbound.external_id}",
            "phone": inbound.phone or False,
            "email": inbound.email or False,
        }
        country = self._phone_country(inbound.phone)
        if country:
            values["country_id"] = country.id
        # the messenger's language, else the one of the phone's country
        # (+380: Ukrainian), when installed
        lang = self._guess_lang(inbound.lang) or self._country_lang(country)
        if lang:
            values["lang"] = lang
        return Partner.create(values)

    @api.model
    def _phone_country(self, number):
        """The country of an international number, or an empty recordset."""
        Country = self.env["res.country"]
        if not number or not number.strip().startswith("+"):
            return Country
        try:
            region = phonenumbers.region_code_for_number(phonenumbers.parse(number))
        except Exception:  # noqa: BLE001 - not a number: no country
            return Country
        return Country.search([("code", "=", region)], limit=1) if region else Country

    def _country_lang(self, country):
        """An installed language of ``country`` (uk_UA for Ukraine), or False."""
        if not country:
            return False
        suffix = f"_{country.code}".lower()
        return next(
            (
                lang
                for lang, _name in self.env["res.lang"].get_installed()
                if lang.lower().endswith(suffix)
            ),
            False,
        )

    def _guess_lang(self, code):
        """An installed language for a messenger's language code ("ru", "uk",
        "en-GB"...)."""
        if not code:
            return False
        code = code.replace("-", "_").lower()
        installed = [lang for lang, _name in self.env["res.lang"].get_installed()]
        for lang in installed:
            if lang.lower() == code:
                return lang
        short = code.split("_")[0]
        return next(
            (lang for lang in installed if lang.split("_")[0].lower() == short), False
        )

    def _download_files(self, provider, inbound):
        """The inbound message's files [(name, bytes)], within the size limit and
        without executable types; a refused or lost file is said in the message
        (notes: [text]). A temporary error raises: the event is retried."""
        self.ensure_one()
        Event = self.env["helpdesk.channel.event"]
        limit = max(self.max_file_mb, 1) * 1024 * 1024
        files, notes = [], []
        items = [
            (None, name, mimetype, len(content), content)
            for name, mimetype, content in inbound.contents
        ]
        items += [
            (ref, name, mimetype, size, None)
            for ref, name, mimetype, size in inbound.files
        ]
        for reference, name, mimetype, size, content in items:
            name = os.path.basename((name or "").replace("\\", "/")).strip() or "file"
            if not Event._file_allowed(name, mimetype):
                notes.append(
                    self.env._(
                        "The file %(name)s was refused (its type is not accepted).",
                        name=name,
                    )
                )
                continue
            if size and size > limit:
                notes.append(
                    self.env._(
                        "The file %(name)s is larger than %(mb)s MB: not downloaded.",
                        name=name,
                        mb=self.max_file_mb,
                    )
                )
                continue
            if content is None:
                try:
                    content = provider.download(self, reference)
                except ProviderError as error:
                    if not error.permanent:
                        raise
                    notes.append(
                        self.env._(
                            "The file %(name)s could not be downloaded: %(error)s",
                            name=name,
                            error=str(error),
                        )
                    )
                    continue
            if len(content) > limit:
                notes.append(
                    self.env._(
                        "The file %(name)s is larger than %(mb)s MB: not downloaded.",
                        name=name,
                        mb=self.max_file_mb,
                    )
                )
                continue
            files.append((name, content))
        return files, notes

    def _utm_medium(self):
        self.ensure_one()
        return (
            self.env.ref(
                f"helpdesk_channels.utm_medium_{self.provider}",
                raise_if_not_found=False,
            )
            or self.env["utm.medium"]
        )

    # ------------------------------------------------------------------ demo data
    @api.model
    def _demo_receive(self, channel_xmlid, events):
        """Demo data only: ``events`` [(event id, payload)] received on the
        channel and processed (no commit, no network)."""
        channel = self.env.ref(channel_xmlid, raise_if_not_found=False)
        if not channel:
            return
        channel._store_events(events)
        self.env["helpdesk.channel.event"].search(
            [("channel_id", "=", channel.id), ("state", "=", "new")], order="id"
        )._process()
