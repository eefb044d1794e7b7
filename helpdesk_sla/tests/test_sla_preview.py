# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from lxml import etree

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged

from .common import MONDAY_10, SlaCase

# the preview is looked at on Tuesday 10:00 Kyiv
PREVIEW_AT = MONDAY_10 + timedelta(days=1)


@tagged("post_install", "-at_install")
class TestSlaPreview(SlaCase):
    """The preview dialog works on the values being edited and saves nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sla = cls._create_sla(
            priority_ids=[Command.set(cls._priorities("2", "3").ids)],
            first_response_hours=1.0,
            resolution_hours=16.0,
        )
        cls.Preview = cls.env["helpdesk.sla.preview"].with_user(cls.manager)

    def _create_preview_tickets(self):
        """Three high-priority tickets created on Monday 10:00 Kyiv, solved in 3
        and 5 working hours, the third still open, and a low-priority one."""
        with self._now(MONDAY_10):
            tickets = self._create_tickets(3, priority="2")
            self._create_tickets(1, priority="0")
        for ticket, hours in zip(tickets, (3, 5), strict=False):
            with self._now(MONDAY_10 + timedelta(hours=hours)):
                ticket.stage_id = self.stage_done
        return tickets

    def _button_context(self, **values):
        """The context the policy form's button gives: every value being edited
        (here the saved ones, overridden by ``values``)."""
        sla = self.sla
        context = {
            "default_sla_id": sla.id,
            "default_team_id": sla.team_id.id,
            "default_calendar_id": sla.calendar_id.id,
            "default_domain": sla.domain or False,
            "default_first_response_hours": sla.first_response_hours,
            "default_resolution_hours": sla.resolution_hours,
        }
        for name in (
            "priority_ids",
            "severity_ids",
            "ticket_type_ids",
            "tag_ids",
            "partner_ids",
        ):
            context[f"default_{name}"] = [Command.set(sla[name].ids)]
        context.update({f"default_{name}": value for name, value in values.items()})
        return context

    def test_preview_of_unsaved_values(self):
        self._create_preview_tickets()
        lines = self.Status.search([])
        line_values = lines.read(["status", "deadline", "target_hours"])
        previews = self.Preview.search_count([])
        with self._now(PREVIEW_AT):
            # the policy is being edited: 4 hours instead of the saved 16
            form = Form(
                self.Preview.with_context(**self._button_context(resolution_hours=4.0))
            )
            self.assertEqual(form.sla_id, self.sla)
            self.assertEqual(form.resolution_hours, 4.0)
            self.assertEqual(form.ticket_count, 3)
            self.assertEqual(form.resolution_met, 1)
            self.assertEqual(form.resolution_failed, 2)
            self.assertEqual(form.pending_count, 0)
            self.assertEqual(form.first_response_failed, 3)
            # other targets tried in the dialog: counted again at once
            form.resolution_hours = 16.0
            self.assertEqual(form.resolution_met, 2)
            self.assertEqual(form.resolution_failed, 0)
            self.assertEqual(form.pending_count, 1)
            form.first_response_hours = 0.0
            self.assertEqual(form.first_response_failed, 0)
            # unsaved criteria too: the low-priority ticket only
            form = Form(
                self.Preview.with_context(
                    **self._button_context(
                        priority_ids=[Command.set(self._priorities("0").ids)]
                    )
                )
            )
            self.assertEqual(form.ticket_count, 1)
        # the dialog is closed: nothing was written anywhere
        self.assertEqual(self.sla.resolution_hours, 16.0)
        self.assertEqual(self.sla.priority_ids, self._priorities("2", "3"))
        self.assertEqual(self.Preview.search_count([]), previews)
        self.assertEqual(self.Status.search([]), lines)
        self.assertEqual(
            lines.read(["status", "deadline", "target_hours"]), line_values
        )

    def test_preview_defaults_to_saved_policy(self):
        self._create_preview_tickets()
        with self._now(PREVIEW_AT):
            action = self.sla.with_user(self.manager).action_preview()
            form = Form(self.Preview.with_context(**action["context"]))
            self.assertEqual(form.team_id, self.team)
            self.assertEqual(form.resolution_hours, 16.0)
            self.assertEqual(form.ticket_count, 3)
            self.assertEqual(form.resolution_met, 2)
            # a new policy, not saved yet, previews as well
            form = Form(
                self.Preview.with_context(
                    default_team_id=self.team.id, default_resolution_hours=2.0
                )
            )
            self.assertEqual(form.ticket_count, 4)
            self.assertEqual(form.resolution_failed, 4)

    def test_invalid_conditions(self):
        with self.assertRaises(UserError):
            Form(
                self.Preview.with_context(
                    default_team_id=self.team.id,
                    default_domain="[('no_such_field', '=', 1)]",
                )
            )

    def test_policy_form_opens_preview_without_saving(self):
        """A button of type object saves the policy before running: the form uses
        a widget that opens the dialog with the values being edited instead."""
        arch = self.Sla.with_user(self.manager).get_view(view_type="form")["arch"]
        doc = etree.fromstring(arch)
        self.assertFalse(doc.xpath("//button[@name='action_preview']"))
        self.assertTrue(
            doc.xpath("//header/widget[@name='helpdesk_sla_preview_button']")
        )
        self.assertEqual(
            self.env.ref("helpdesk_sla.helpdesk_sla_preview_action").res_model,
            "helpdesk.sla.preview",
        )
