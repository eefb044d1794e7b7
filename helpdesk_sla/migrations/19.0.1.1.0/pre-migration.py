# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Indexes that bought nothing for their size go; Odoo keeps an index it no
longer expects, so they are dropped here, before the update creates the
partial ones (``btree_not_null``) under the same names.

- tickets: ``severity`` (four values), ``sla_fail`` (a boolean; the failed
  tickets are found by the partial index ``helpdesk_ticket_sla_fail_idx``),
  ``sla_deadline`` rebuilt on the tickets that have one;
- SLA lines: ``ticket_id`` (the unique index on ticket, policy and target
  serves it), ``status`` (the cron's partial indexes serve the open lines),
  ``user_id`` and ``company_id`` (reports group by them, nothing filters).
"""

from odoo.tools import sql

INDEXES = {
    "helpdesk_ticket": [
        "helpdesk_ticket__severity_index",
        "helpdesk_ticket__sla_fail_index",
        "helpdesk_ticket__sla_deadline_index",
    ],
    "helpdesk_sla_status": [
        "helpdesk_sla_status__ticket_id_index",
        "helpdesk_sla_status__status_index",
        "helpdesk_sla_status__user_id_index",
        "helpdesk_sla_status__company_id_index",
    ],
}


def migrate(cr, version):
    for table, names in INDEXES.items():
        for name in names:
            sql.drop_index(cr, name, table)
