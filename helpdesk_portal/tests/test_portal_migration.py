# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.modules.module import load_script
from odoo.tests import TransactionCase, tagged

MIGRATION = "helpdesk_portal/migrations/19.0.1.1.0/post-migration.py"


@tagged("post_install", "-at_install")
class TestPortalMigration(TransactionCase):
    def test_former_rule_gets_indexed_domain(self):
        script = load_script(MIGRATION, "helpdesk_portal_migration_19_0_1_1_0")
        rule = self.env.ref("helpdesk_portal.helpdesk_ticket_rule_portal")
        shipped = rule.domain_force
        self.assertIn("portal_follower_ids", shipped)
        rule.domain_force = script.FORMER_DOMAIN.replace("\n", "\n            ")
        script.migrate(self.env.cr, "19.0.1.0.0")
        rule.invalidate_recordset()
        self.assertEqual(rule.domain_force, shipped)
        # a rule an administrator changed is theirs
        changed = "[('partner_id', '=', user.partner_id.id)]"
        rule.domain_force = changed
        with self.assertLogs(script.__name__, "WARNING"):
            script.migrate(self.env.cr, "19.0.1.0.0")
        rule.invalidate_recordset()
        self.assertEqual(rule.domain_force, changed)
