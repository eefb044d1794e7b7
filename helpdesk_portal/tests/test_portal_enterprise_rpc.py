# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.helpdesk_base.tests.common import ExternalApiMixin


@tagged("post_install", "-at_install")
class TestPortalEnterpriseRpc(ExternalApiMixin, HttpCase):
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
        call = self._xmlrpc_caller("hd_portal_rpc_lead", "hd_portal_rpc_lead_pw1")
        self._script(
            create=lambda model, vals: call(model, "create", vals),
            search=lambda model, domain: call(model, "search", domain),
            read=lambda model, ids, fields: call(model, "read", ids, fields=fields),
            write=lambda model, ids, vals: call(model, "write", ids, vals),
            tag="XML-RPC",
        )

    def test_json2(self):
        call = self._json2_caller(self.lead, "portal script")
        self._script(
            create=lambda model, vals: call(model, "create", vals_list=vals),
            search=lambda model, domain: call(model, "search", domain=domain),
            read=lambda model, ids, fields: call(model, "read", ids=ids, fields=fields),
            write=lambda model, ids, vals: call(model, "write", ids=ids, vals=vals),
            tag="JSON-2",
        )
