# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestResponseTemplates(HelpdeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("ru_RU")
        cls.env["res.lang"]._activate_lang("uk_UA")
        cls.category = cls.env["helpdesk.response.category"].create(
            {"name": "Printers"}
        )
        model = cls.env["ir.model"]._get("helpdesk.ticket")
        base = {
            "model_id": model.id,
            "is_helpdesk_response": True,
            "helpdesk_category_id": cls.category.id,
            "lang": "{{ object.partner_id.lang }}",
        }
        Template = cls.env["mail.template"]
        cls.shared = Template.create(
            dict(
                base,
                name="Restart",
                subject="Restart it",
                body_html="<p>Please restart the printer.</p>",
            )
        )
        cls.shared.with_context(lang="ru_RU").write(
            {
                "subject": "Перезапустите",
                "body_html": "<p>Пожалуйста, перезапустите принтер.</p>",
            }
        )
        cls.shared.with_context(lang="uk_UA").write(
            {
                "subject": "Перезапустіть",
                "body_html": "<p>Будь ласка, перезапустіть принтер.</p>",
            }
        )
        # agents write plain personal texts; placeholders need the template editor right
        cls.personal = Template.with_user(cls.agent).create(
            {
                "name": "Mine",
                "model_id": model.id,
                "is_helpdesk_response": True,
                "helpdesk_category_id": cls.category.id,
                "helpdesk_sharing": "personal",
                "body_html": "<p>mine</p>",
            }
        )
        cls.team_only = Template.create(
            dict(
                base,
                name="Team",
                helpdesk_sharing="team",
                helpdesk_team_ids=[Command.set(cls.team.ids)],
                body_html="<p>team</p>",
            )
        )
        cls.group_only = Template.create(
            dict(
                base,
                name="Managers",
                helpdesk_sharing="group",
                helpdesk_group_ids=[
                    Command.set(
                        cls.env.ref("helpdesk_base.helpdesk_base_group_manager").ids
                    )
                ],
                body_html="<p>managers</p>",
            )
        )

    def _render(self, ticket):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.agent)
            .with_context(default_model="helpdesk.ticket", default_res_ids=ticket.ids)
            .create({"template_id": self.shared.id})
        )
        return composer.subject, composer.body

    def test_text_in_customer_language(self):
        for lang, subject, body in (
            ("ru_RU", "Перезапустите", "Пожалуйста"),
            ("uk_UA", "Перезапустіть", "Будь ласка"),
            ("en_US", "Restart it", "Please restart"),
        ):
            with self.subTest(lang=lang):
                self.customer.lang = lang
                ticket = self._create_tickets(1)
                rendered_subject, rendered_body = self._render(ticket)
                self.assertEqual(rendered_subject, subject)
                self.assertIn(body, rendered_body)

    def _visible(self, user):
        return (
            self.env["mail.template"]
            .with_user(user)
            .search(
                [
                    ("is_helpdesk_response", "=", True),
                    ("helpdesk_category_id", "=", self.category.id),
                ]
            )
        )

    def test_sharing(self):
        self.assertEqual(
            self._visible(self.agent), self.shared | self.personal | self.team_only
        )
        self.assertEqual(self._visible(self.outsider), self.shared, "not in the team")
        everything = self.shared | self.personal | self.team_only | self.group_only
        self.assertEqual(self._visible(self.manager), everything, "managers see all")
        employee = new_test_user(
            self.env, "hd_plain_employee", groups="base.group_user"
        )
        self.assertEqual(self._visible(employee), self.shared)

    def test_team_leader_sees_team_templates(self):
        self.team.user_id = self.outsider
        self.assertIn(self.team_only, self._visible(self.outsider))

    def test_agents_cannot_edit_shared_templates(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.shared.with_user(self.agent).write({"name": "Renamed"})
        self.personal.with_user(self.agent).write({"name": "Still mine"})

    def test_category_lists_templates(self):
        self.assertIn(self.shared, self.category.template_ids)

    def test_composer_text_in_customer_language_with_placeholders(self):
        template = self.env["mail.template"].create(
            {
                "name": "Greeting",
                "model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "is_helpdesk_response": True,
                "lang": "{{ object.partner_id.lang }}",
                "body_html": "<p>Hello <t t-out='object.partner_id.name'/>, about "
                "<t t-out='object.ticket_ref'/>: <t t-out='user.name'/></p>",
            }
        )
        ticket = self._create_tickets(1)
        text = ticket.with_user(self.agent).get_response_template_text(template.id)
        self.assertEqual(
            text, f"Hello Customer Co, about {ticket.ticket_ref}: {self.agent.name}"
        )
        self.customer.lang = "uk_UA"
        text = ticket.with_user(self.agent).get_response_template_text(self.shared.id)
        self.assertEqual(text, "Будь ласка, перезапустіть принтер.")

    def test_composer_refuses_automation_and_hidden_templates(self):
        ticket = self._create_tickets(1)
        automation = self.env.ref("helpdesk_base.mail_template_ticket_solved")
        with self.assertRaises(UserError):
            ticket.with_user(self.agent).get_response_template_text(automation.id)
        # the outsider handles a ticket of the team, but the template is not
        # shared with them
        ticket.user_id = self.outsider
        with self.assertRaises(UserError):
            ticket.with_user(self.outsider).get_response_template_text(
                self.team_only.id
            )
