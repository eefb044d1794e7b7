# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.helpdesk_base.tests.common import ExternalApiMixin


@tagged("post_install", "-at_install")
class TestSlaEnterpriseRpc(ExternalApiMixin, HttpCase):
    """An integrator's script written from Odoo Enterprise Helpdesk's public SLA
    names (``use_sla``, ``helpdesk.sla.priority``/``time``,
    ``helpdesk.sla.status.reached_datetime``) runs over XML-RPC and JSON-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = new_test_user(
            cls.env,
            "hd_sla_rpc_lead",
            password="hd_sla_rpc_lead_pw1",
            groups="helpdesk_base.helpdesk_base_group_manager",
        )

    def _script(self, call, tag):
        stages = call(
            "helpdesk.stage",
            "create",
            [
                {"name": f"{tag} new", "sequence": 1},
                {"name": f"{tag} solved", "sequence": 2, "fold": True},
            ],
        )
        team = call(
            "helpdesk.team",
            "create",
            [
                {
                    "name": f"{tag} team",
                    "use_sla": True,
                    "member_ids": [(6, 0, self.lead.ids)],
                    "stage_ids": [(6, 0, stages)],
                }
            ],
        )[0]
        sla = call(
            "helpdesk.sla",
            "create",
            [{"name": f"{tag} high", "team_id": team, "priority": "2", "time": 4.0}],
        )[0]
        found = call("helpdesk.sla", "search_read", [("priority", "=", "2")], ["time"])
        self.assertIn({"id": sla, "time": 4.0}, found)
        ticket = call(
            "helpdesk.ticket",
            "create",
            [{"name": f"{tag} printer", "team_id": team, "priority": "2"}],
        )[0]
        low = call(
            "helpdesk.ticket",
            "create",
            [{"name": f"{tag} low", "team_id": team, "priority": "0"}],
        )[0]
        lines = call(
            "helpdesk.sla.status",
            "search_read",
            [("ticket_id", "in", [ticket, low])],
            ["ticket_id", "sla_id", "status", "deadline", "reached_datetime"],
        )
        self.assertEqual(len(lines), 1, "the policy applies to priority 2 only")
        self.assertEqual(lines[0]["ticket_id"][0], ticket)
        self.assertEqual(lines[0]["status"], "ongoing")
        self.assertTrue(lines[0]["deadline"])
        self.assertFalse(lines[0]["reached_datetime"])
        call("helpdesk.ticket", "write", [ticket], {"stage_id": stages[1]})
        line = call(
            "helpdesk.sla.status",
            "search_read",
            [("ticket_id", "=", ticket), ("reached_datetime", "!=", False)],
            ["status", "reached_datetime"],
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line[0]["status"], "reached")
        call("helpdesk.team", "write", [team], {"use_sla": False})
        self.assertEqual(
            call("helpdesk.team", "read", [team], ["use_sla"])[0]["use_sla"], False
        )
        self.assertEqual(
            call(
                "helpdesk.team", "search", [("use_sla", "=", False), ("id", "=", team)]
            ),
            [team],
        )

    def test_xmlrpc(self):
        xmlrpc = self._xmlrpc_caller("hd_sla_rpc_lead", "hd_sla_rpc_lead_pw1")

        def call(model, method, *args):
            if method in ("search_read", "read") and len(args) == 2:
                return xmlrpc(model, method, args[0], fields=args[1])
            return xmlrpc(model, method, *args)

        self._script(call, "XML-RPC")

    def test_json2(self):
        json2 = self._json2_caller(self.lead, "sla script")
        params_of = {
            "create": lambda vals: {"vals_list": vals},
            "search": lambda domain: {"domain": domain},
            "search_read": lambda domain, fields: {"domain": domain, "fields": fields},
            "read": lambda ids, fields: {"ids": ids, "fields": fields},
            "write": lambda ids, vals: {"ids": ids, "vals": vals},
        }
        self._script(
            lambda model, method, *args: json2(
                model, method, **params_of[method](*args)
            ),
            "JSON-2",
        )
