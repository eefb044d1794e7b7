# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalEnterpriseRpc(HttpCase):
    """Odoo Enterprise Helpdesk's team switches ``use_rating`` and
    ``use_website_helpdesk_form`` set and read by a script over XML-RPC and
    JSON-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(
            cls.env,
            "hd_portal_rpc_lead",
            password="hd_portal_rpc_lead_pw1",
            groups="helpdesk_base.helpdesk_base_group_manager",
        )

    def _script(self, create, search, read, write, tag):
        team = create(
            "helpdesk.team",
            [
                {
                    "name": f"{tag} web team",
                    "use_rating": False,
                    "use_website_helpdesk_form": True,
                }
            ],
        )[0]
        values = read(
            "helpdesk.team",
            [team],
            ["use_rating", "use_website_helpdesk_form", "use_public_form"],
        )[0]
        self.assertFalse(values["use_rating"])
        self.assertTrue(values["use_website_helpdesk_form"])
        self.assertTrue(values["use_public_form"], "the same switch as ours")
        self.assertIn(
            team, search("helpdesk.team", [("use_website_helpdesk_form", "=", True)])
        )
        write("helpdesk.team", [team], {"use_rating": True})
        self.assertTrue(
            read("helpdesk.team", [team], ["use_portal_rating"])[0]["use_portal_rating"]
        )
        self.assertIn(team, search("helpdesk.team", [("use_rating", "=", True)]))
        self.assertEqual(self.url_open(f"/helpdesk/{team}").status_code, 200)

    def test_xmlrpc(self):
        db = get_db_name()
        password = "hd_portal_rpc_lead_pw1"
        uid = self.xmlrpc_common.authenticate(db, "hd_portal_rpc_lead", password, {})

        def call(model, method, args, kwargs=None):
            return self.xmlrpc_object.execute_kw(
                db, uid, password, model, method, args, kwargs or {}
            )

        self._script(
            create=lambda model, vals: call(model, "create", [vals]),
            search=lambda model, domain: call(model, "search", [domain]),
            read=lambda model, ids, fields: call(
                model, "read", [ids], {"fields": fields}
            ),
            write=lambda model, ids, vals: call(model, "write", [ids, vals]),
            tag="XML-RPC",
        )

    def test_json2(self):
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.lead)
            ._generate(
                scope="rpc",
                name="portal script",
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}

        def call(model, method, **params):
            response = self.url_open(
                f"/json/2/{model}/{method}", data=json.dumps(params), headers=headers
            )
            self.assertEqual(response.status_code, 200, response.text)
            return response.json()

        self._script(
            create=lambda model, vals: call(model, "create", vals_list=vals),
            search=lambda model, domain: call(model, "search", domain=domain),
            read=lambda model, ids, fields: call(model, "read", ids=ids, fields=fields),
            write=lambda model, ids, vals: call(model, "write", ids=ids, vals=vals),
            tag="JSON-2",
        )
