# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.helpdesk_base.tests.common import HelpdeskCase

PNG_1PX = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)


class HelpdeskPortalCase(HelpdeskCase):
    """Portal fixtures: two customer companies, their portal users, closable stages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_done.is_customer_closable = True
        cls.stage_cancelled = cls.Stage.create(
            {
                "name": "T Cancelled",
                "sequence": 4,
                "is_closed": True,
                "is_customer_closable": False,
            }
        )
        cls.team.write(
            {
                "stage_ids": [Command.link(cls.stage_cancelled.id)],
                "use_public_form": True,
                "reopen_days": 7,
            }
        )
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Acme Corp", "is_company": True}
        )
        cls.portal_user = new_test_user(
            cls.env,
            "hd_portal_alice",
            name="Alice Acme",
            email="alice@acme.example.com",
            groups="base.group_portal",
        )
        cls.portal_user.partner_id.parent_id = cls.company_partner
        cls.colleague = new_test_user(
            cls.env,
            "hd_portal_bob",
            name="Bob Acme",
            email="bob@acme.example.com",
            groups="base.group_portal",
        )
        cls.colleague.partner_id.parent_id = cls.company_partner
        cls.stranger = new_test_user(
            cls.env,
            "hd_portal_eve",
            name="Eve Other",
            email="eve@other.example.com",
            groups="base.group_portal",
        )
        cls.alice = cls.portal_user.partner_id
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Printer on fire",
                "team_id": cls.team.id,
                "partner_id": cls.alice.id,
            }
        )
        # another team with its own closing stage, closable by customers
        cls.other_stage_done = cls.Stage.create(
            {
                "name": "Other Done",
                "sequence": 5,
                "is_closed": True,
                "is_customer_closable": True,
            }
        )
        cls.other_team = cls.env["helpdesk.team"].create(
            {
                "name": "Other Team",
                "stage_ids": [Command.set((cls.stage_new | cls.other_stage_done).ids)],
            }
        )

    def _tickets_as(self, user, tickets=None):
        tickets = tickets or self.ticket
        return (
            self.env["helpdesk.ticket"]
            .with_user(user)
            .search([("id", "in", tickets.ids)])
        )


class HelpdeskPortalHttpCase(HttpCase, HelpdeskPortalCase):
    """Portal fixtures and helpers to post the portal's forms."""

    def _post(self, url, data=None, files=None):
        if not self.session:
            self.authenticate(None, None)
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files)

    def _ticket_url(self, ticket=None, suffix=""):
        return f"/my/tickets/{(ticket or self.ticket).id}{suffix}"

    def _public_post(self, data, files=None, team=None):
        return self._post(f"/helpdesk/{(team or self.team).id}", data, files)
