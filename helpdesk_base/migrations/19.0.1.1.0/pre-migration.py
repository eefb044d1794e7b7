# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Indexes that bought nothing for their size go; Odoo keeps an index it no
longer expects, so they are dropped here, before the update creates the
partial ones (``btree_not_null``) under the same names.

- ``is_closed``, ``priority``: two or four values; open tickets are found
  through the partial index ``helpdesk_ticket_open_team_idx``, the default order
  (priority, then newest) through ``helpdesk_ticket_priority_order_idx``;
- ``ticket_type_id``, ``date_closed``: rebuilt on the rows that have a value.
"""

from odoo.tools import sql

INDEXES = [
    "helpdesk_ticket__is_closed_index",
    "helpdesk_ticket__priority_index",
    "helpdesk_ticket__ticket_type_id_index",
    "helpdesk_ticket__date_closed_index",
]


def migrate(cr, version):
    for name in INDEXES:
        sql.drop_index(cr, name, "helpdesk_ticket")
