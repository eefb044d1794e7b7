# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import HelpdeskChannelCase


@tagged("post_install", "-at_install")
class TestTemplates(HelpdeskChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.whatsapp = cls.env["helpdesk.channel"].create(
            {
                "name": "T WhatsApp",
                "provider": "whatsapp",
                "team_id": cls.team.id,
                "token": "WA-TOKEN",
                "wa_phone_number_id": "1065",
                "api_base_url": cls.fake.url,
            }
        )
        cls.template = cls.env["helpdesk.channel.template"].create(
            {
                "channel_id": cls.whatsapp.id,
                "name": "ticket_update",
                "language": "ru",
                "body": "Здравствуйте, {{1}}! По заявке {{2}} есть новости: "
                "{{3}}. {{1}}, ответьте на это сообщение.",
            }
        )
        contact = cls.env["helpdesk.channel.contact"].create(
            {
                "channel_id": cls.whatsapp.id,
                "external_id": "380441234567",
                "partner_id": cls.customer.id,
                "last_inbound_date": fields.Datetime.now() - timedelta(days=3),
            }
        )
        cls.ticket = cls._create_tickets(1, channel_contact_id=contact.id)

    def _send(self):
        self._run_cron_method(self.env["helpdesk.channel.message"]._cron_send)
        self.env.invalidate_all()

    def test_variables_follow_the_body(self):
        variables = self.template.variable_ids
        self.assertEqual(variables.mapped("name"), ["1", "2", "3"])
        self.assertEqual(
            variables.mapped("source"), ["partner_name", "ticket_ref", "free"]
        )
        variables[2].source = "stage"
        self.template.body = "{{1}}, статус заявки: {{3}}. {{4}}"
        variables = self.template.variable_ids
        self.assertEqual(variables.mapped("name"), ["1", "3", "4"])
        self.assertEqual(
            variables.mapped("source"),
            ["partner_name", "stage", "free"],
            "the filling chosen for a variable stays",
        )
        named = self.env["helpdesk.channel.template"].create(
            {
                "channel_id": self.whatsapp.id,
                "name": "named",
                "body": "Hi {{customer_name}}, order {{ order_id }} is {{status}}",
            }
        )
        self.assertEqual(
            named.variable_ids.mapped("source"), ["partner_name", "ticket_ref", "stage"]
        )
        named.body = "{{agent_name}} {{company_name}} {{ticket_name}} {{first_name}}"
        self.assertEqual(
            named.variable_ids.mapped("source"),
            ["agent", "company", "ticket_name", "partner_name"],
        )
        self.assertEqual(named.display_name, "named (en)")

    def test_values_in_the_templates_language(self):
        self.env["res.lang"]._activate_lang("uk_UA")
        self.ticket.stage_id.with_context(lang="uk_UA").name = "Нова"
        template = self.env["helpdesk.channel.template"].create(
            {
                "channel_id": self.whatsapp.id,
                "name": "st",
                "language": "uk",
                "body": "{{status}}",
            }
        )
        self.assertEqual(template._odoo_lang(), "uk_UA")
        self.assertEqual(
            template.variable_ids.with_context(lang="en_US")._value(self.ticket), "Нова"
        )

    def test_send_with_variables_filled_from_the_ticket(self):
        self.fake.answer("/messages", body={"messages": [{"id": "wamid.T2"}]})
        wizard_form = Form(
            self.env["helpdesk.ticket.channel.template"]
            .with_user(self.agent)
            .with_context(default_ticket_id=self.ticket.id)
        )
        self.assertEqual(wizard_form.template_id, self.template, "the only one")
        ru_uk = self.env["helpdesk.channel.template"].create(
            {"channel_id": self.whatsapp.id, "name": "ticket_update", "language": "uk"}
        )
        self.env["res.lang"]._activate_lang("uk_UA")
        self.customer.lang = "uk_UA"
        self.assertEqual(
            self.env["helpdesk.ticket.channel.template"]
            .with_context(default_ticket_id=self.ticket.id)
            .default_get(["template_id"])["template_id"],
            ru_uk.id,
            "the customer's language first",
        )
        wizard_form.template_id = self.template
        with wizard_form.line_ids.edit(2) as line:
            self.assertFalse(line.value, "typed by the agent")
            line.value = "телефон готов"
        wizard = wizard_form.save()
        self.assertEqual(
            wizard.line_ids.mapped("value"),
            ["Customer Co", self.ticket.ticket_ref, "телефон готов"],
        )
        self.assertIn("Здравствуйте, Customer Co!", wizard.preview)
        wizard.action_send()
        self._send()
        row = self.ticket.channel_message_ids
        self.assertEqual((row.state, row.external_message_id), ("sent", "wamid.T2"))
        sent = json.loads(self.fake.calls("/1065/messages")[0]["body"])
        self.assertEqual(
            sent["template"]["components"],
            [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": "Customer Co"},
                        {"type": "text", "text": self.ticket.ticket_ref},
                        {"type": "text", "text": "телефон готов"},
                    ],
                }
            ],
        )
        self.assertIn(
            f"По заявке {self.ticket.ticket_ref} есть новости: телефон готов",
            row.mail_message_id.body,
        )

    def test_empty_variable_refused(self):
        wizard = (
            self.env["helpdesk.ticket.channel.template"]
            .with_user(self.agent)
            .create({"ticket_id": self.ticket.id, "template_id": self.template.id})
        )
        with self.assertRaisesRegex(UserError, r"\{\{3\}\}"):
            wizard.action_send()
        self.assertFalse(self.ticket.channel_message_ids, "nothing posted nor queued")

    def test_named_parameters(self):
        template = self.env["helpdesk.channel.template"].create(
            {
                "channel_id": self.whatsapp.id,
                "name": "named",
                "body": "Hi {{customer_name}}, ticket {{ticket}}",
            }
        )
        self.fake.answer("/messages", body={"messages": [{"id": "wamid.N"}]})
        self.env["helpdesk.ticket.channel.template"].with_user(self.agent).create(
            {"ticket_id": self.ticket.id, "template_id": template.id}
        ).action_send()
        self._send()
        sent = json.loads(self.fake.calls("/1065/messages")[0]["body"])
        self.assertEqual(
            sent["template"]["components"][0]["parameters"],
            [
                {
                    "type": "text",
                    "parameter_name": "customer_name",
                    "text": "Customer Co",
                },
                {
                    "type": "text",
                    "parameter_name": "ticket",
                    "text": self.ticket.ticket_ref,
                },
            ],
        )

    def test_rendered_text_escaped_lines_kept(self):
        template = self.env["helpdesk.channel.template"].create(
            {
                "channel_id": self.whatsapp.id,
                "name": "multiline",
                "body": "Hello {{1}},\nyour <b>ticket</b> moved.",
            }
        )
        self.customer.name = "<script>x</script>"
        self.env["helpdesk.ticket.channel.template"].with_user(self.agent).create(
            {"ticket_id": self.ticket.id, "template_id": template.id}
        ).action_send()
        body = self.ticket.channel_message_ids.mail_message_id.body
        self.assertNotIn("<script>", body)
        self.assertNotIn("<b>", body)
        self.assertIn("<br>", body)

    def test_dialog_for_those_who_may_answer_the_ticket(self):
        Wizard = self.env["helpdesk.ticket.channel.template"]
        with self.assertRaises(AccessError):
            Wizard.with_user(self.outsider).create(
                {"ticket_id": self.ticket.id, "template_id": self.template.id}
            )
        mine = Wizard.with_user(self.agent).create(
            {"ticket_id": self.ticket.id, "template_id": self.template.id}
        )
        self.assertFalse(
            Wizard.with_user(self.agent2).search([("id", "=", mine.id)]),
            "another agent's dialog is not theirs to read or change",
        )
        self.assertFalse(
            self.env["helpdesk.ticket.channel.template.line"]
            .with_user(self.agent2)
            .search([("wizard_id", "=", mine.id)])
        )

    def test_template_only_through_the_dialog(self):
        self.ticket.with_user(self.agent).with_context(
            helpdesk_channel_template_id=self.template.id,
            helpdesk_channel_template_params=[["1", ""]],
        ).message_post(
            body="Innocent", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        row = self.ticket.channel_message_ids
        self.assertFalse(row.template_id, "the context names no template")
        self.assertFalse(row.template_params)

    def test_values_and_templates_whatsapp_refuses(self):
        wizard = (
            self.env["helpdesk.ticket.channel.template"]
            .with_user(self.agent)
            .create({"ticket_id": self.ticket.id, "template_id": self.template.id})
        )
        wizard.line_ids[2].value = "two\nlines"
        with self.assertRaisesRegex(UserError, "one line"):
            wizard.action_send()
        wizard.line_ids[2].value = "x" * 1025
        with self.assertRaisesRegex(UserError, "1024"):
            wizard.action_send()
        wizard.line_ids[2].value = "ok"
        self.template.active = False
        with self.assertRaisesRegex(UserError, "active template"):
            wizard.action_send()
        self.assertFalse(self.ticket.channel_message_ids)
        with self.assertRaises(ValidationError):
            self.env["helpdesk.channel.template"].create(
                {"channel_id": self.telegram.id, "name": "x", "body": "x"}
            )
        copy = self.template.copy()
        self.assertEqual(copy.name, "ticket_update (copy)")
