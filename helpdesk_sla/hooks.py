# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import sql


def pre_init_hook(env):
    """Existing tickets keep no severity: the column is created empty before the
    install, so that Odoo does not compute the team's default on every existing
    ticket — a tracked change, one chatter message per ticket."""
    if not sql.column_exists(env.cr, "helpdesk_ticket", "severity"):
        sql.create_column(env.cr, "helpdesk_ticket", "severity", "varchar")
