# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer ratings move from helpdesk_portal (``use_portal_rating``) to the base
under Odoo Enterprise's name (``use_rating``): the solved e-mail asks for a
rating. The teams keep their choice."""

from odoo.tools import sql


def migrate(cr, version):
    if sql.column_exists(cr, "helpdesk_team", "use_portal_rating") and not (
        sql.column_exists(cr, "helpdesk_team", "use_rating")
    ):
        sql.rename_column(cr, "helpdesk_team", "use_portal_rating", "use_rating")
