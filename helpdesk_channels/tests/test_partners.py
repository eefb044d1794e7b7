# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import tagged

from ..providers.base import InboundMessage
from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestOneCustomerCard(HelpdeskChannelCase):
    def test_merge_two_messenger_partners(self):
        """One person wrote from Telegram and from the webhook: two contacts made;
        Odoo's partner merge keeps both conversations and their tickets."""
        Partner = self.env["res.partner"]
        from_telegram = Partner.create({"name": "Olena (Telegram)"})
        from_webhook = Partner.create({"name": "Olena P."})
        Contact = self.env["helpdesk.channel.contact"]
        telegram = Contact.create(
            {
                "channel_id": self.telegram.id,
                "external_id": "1",
                "partner_id": from_telegram.id,
            }
        )
        webhook = Contact.create(
            {
                "channel_id": self.webhook.id,
                "external_id": "w1",
                "partner_id": from_webhook.id,
            }
        )
        tickets = self._create_tickets(
            1, partner_id=from_telegram.id, channel_contact_id=telegram.id
        ) | self._create_tickets(
            1, partner_id=from_webhook.id, channel_contact_id=webhook.id
        )
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (from_telegram | from_webhook).ids, from_webhook
        )
        self.assertFalse(from_telegram.exists())
        self.assertEqual((telegram | webhook).partner_id, from_webhook)
        self.assertEqual(tickets.partner_id, from_webhook)
        card = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", from_webhook.id)]
        )
        self.assertEqual(set(card.mapped("channel_provider")), {"telegram", "webhook"})

    def test_new_customer_country_and_language_from_the_phone(self):
        self.env["res.lang"]._activate_lang("uk_UA")
        partner = self.webhook._find_or_create_partner(
            InboundMessage(external_id="w9", name="Тарас", phone="+380 50 765 43 21")
        )
        self.assertEqual(partner.country_id.code, "UA")
        self.assertEqual(partner.lang, "uk_UA")
        said = self.webhook._find_or_create_partner(
            InboundMessage(
                external_id="w8", name="Jo", phone="+380 50 000 00 01", lang="en"
            )
        )
        self.assertEqual(said.lang, "en_US", "the messenger's language comes first")
        self.assertFalse(
            self.webhook._find_or_create_partner(
                InboundMessage(external_id="w7", name="No", phone="12")
            ).country_id
        )
