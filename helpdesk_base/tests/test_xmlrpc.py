# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged

from .common import ExternalApiMixin


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


@tagged("post_install", "-at_install")
class TestEnterpriseApiNames(ExternalApiMixin, HttpCase):
    """A script written from Odoo Enterprise Helpdesk's public field names runs
    here unchanged, over XML-RPC and JSON-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(
            cls.env,
            "hd_rpc_lead",
            password="hd_rpc_lead_pw1",
            groups="helpdesk_base.helpdesk_base_group_manager",
        )

    def _xmlrpc(self):
        return self._xmlrpc_caller("hd_rpc_lead", "hd_rpc_lead_pw1")

    def _json2(self):
        return self._json2_caller(self.lead, "enterprise script")

    def _script(self, create, search, read, write):
        """The integrator's script, written once for both protocols."""
        stages = create(
            "helpdesk.stage",
            [
                {"name": "Script new", "sequence": 1},
                {"name": "Script done", "sequence": 2, "fold": True},
            ],
        )
        team = create(
            "helpdesk.team",
            [
                {
                    "name": "Script team",
                    "auto_assignment": True,
                    "member_ids": [(6, 0, self.lead.ids)],
                    "stage_ids": [(6, 0, stages)],
                }
            ],
        )[0]
        self.assertEqual(
            read("helpdesk.team", [team], ["assign_method", "auto_assignment"])[0][
                "assign_method"
            ],
            "randomly",
        )
        ticket = create(
            "helpdesk.ticket",
            [{"name": "Printer", "team_id": team, "partner_email": "s@example.com"}],
        )[0]
        values = read("helpdesk.ticket", [ticket], ["assign_date", "close_date"])[0]
        self.assertTrue(values["assign_date"])
        self.assertFalse(values["close_date"])
        self.assertEqual(
            search(
                "helpdesk.ticket", [("assign_date", "!=", False), ("id", "=", ticket)]
            ),
            [ticket],
        )
        write("helpdesk.ticket", [ticket], {"stage_id": stages[1]})
        values = read("helpdesk.ticket", [ticket], ["close_date", "stage_id"])[0]
        self.assertTrue(values["close_date"], "a folded stage closes the ticket")
        self.assertEqual(
            search(
                "helpdesk.ticket", [("close_date", "!=", False), ("id", "=", ticket)]
            ),
            [ticket],
        )

    def test_xmlrpc(self):
        call = self._xmlrpc()
        self._script(
            create=lambda model, vals: call(model, "create", vals),
            search=lambda model, domain: call(model, "search", domain),
            read=lambda model, ids, fields: call(model, "read", ids, fields=fields),
            write=lambda model, ids, vals: call(model, "write", ids, vals),
        )

    def test_json2(self):
        call = self._json2()
        self._script(
            create=lambda model, vals: call(model, "create", vals_list=vals),
            search=lambda model, domain: call(model, "search", domain=domain),
            read=lambda model, ids, fields: call(model, "read", ids=ids, fields=fields),
            write=lambda model, ids, vals: call(model, "write", ids=ids, vals=vals),
        )
