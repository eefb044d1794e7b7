# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The reopen window moves from helpdesk_portal (``portal_reopen_days``) to the
base (``reopen_days``): replies by e-mail reopen tickets too. The teams keep
their value.

The index on the customer alone gives way to ``helpdesk_ticket_partner_id_idx``
on (customer, id), created by the update."""

from odoo.tools import sql


def migrate(cr, version):
    sql.drop_index(cr, "helpdesk_ticket__partner_id_index", "helpdesk_ticket")
    if sql.column_exists(cr, "helpdesk_team", "portal_reopen_days") and not (
        sql.column_exists(cr, "helpdesk_team", "reopen_days")
    ):
        sql.rename_column(cr, "helpdesk_team", "portal_reopen_days", "reopen_days")
