# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestExternalApi(HttpCase):
    """Integrators' scripts: XML-RPC (/xmlrpc/2) and JSON-2 with an API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "hd_rpc_agent",
            password="hd_rpc_agent_pw1",
            groups="helpdesk_base.helpdesk_base_group_user",
        )
        cls.team = cls.env["helpdesk.team"].create(
            {"name": "RPC team", "member_ids": [Command.set(cls.agent.ids)]}
        )

    def test_xmlrpc_create_search_write(self):
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(
            db, "hd_rpc_agent", "hd_rpc_agent_pw1", {}
        )
        self.assertEqual(uid, self.agent.id)

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                db, uid, "hd_rpc_agent_pw1", model, method, list(args), kwargs
            )

        ticket_id = call(
            "helpdesk.ticket",
            "create",
            {
                "name": "Не работает VPN",
                "team_id": self.team.id,
                "partner_name": "Іван Петренко",
                "partner_email": "ivan@example.ua",
                "priority": "2",
            },
        )
        found = call(
            "helpdesk.ticket",
            "search_read",
            [("partner_email", "=", "ivan@example.ua")],
            fields=["name", "ticket_ref", "partner_id", "stage_id", "priority"],
        )
        self.assertEqual([rec["id"] for rec in found], [ticket_id])
        self.assertTrue(found[0]["ticket_ref"].startswith("HD"))
        self.assertEqual(found[0]["partner_id"][1], "Іван Петренко")
        self.assertTrue(
            call("helpdesk.ticket", "write", [ticket_id], {"priority": "3"})
        )
        self.assertEqual(self.env["helpdesk.ticket"].browse(ticket_id).priority, "3")

    def test_json2_with_api_key(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.agent)
            ._generate(
                scope="rpc",
                name="integration",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}
        response = self.url_open(
            "/json/2/helpdesk.ticket/create",
            data=json.dumps(
                {"vals_list": [{"name": "From JSON-2", "team_id": self.team.id}]}
            ),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        ticket_ids = response.json()
        response = self.url_open(
            "/json/2/helpdesk.ticket/read",
            data=json.dumps(
                {"ids": ticket_ids, "fields": ["name", "ticket_ref", "user_id"]}
            ),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()[0]["name"], "From JSON-2")
