# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def process_locked_batches(model, where, handle, batch_size):
    """A cron's queue: ``handle(records)`` on the rows of ``model`` matching
    ``where`` (an ``SQL`` condition), oldest first, ``batch_size`` at a time.
    Each batch is locked (``FOR UPDATE SKIP LOCKED``: a second run at the same
    time takes other rows) and committed through ``ir.cron._commit_progress``;
    stops when no row is left or the cron's time is up."""
    cron = model.env["ir.cron"]
    while True:
        # what the previous batch changed decides what is left
        model.flush_model()
        model.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE %s ORDER BY id LIMIT %s "
                "FOR UPDATE SKIP LOCKED",
                SQL.identifier(model._table),
                where,
                batch_size,
            )
        )
        records = model.browse([row[0] for row in model.env.cr.fetchall()])
        if not records:
            return
        handle(records)
        if not cron._commit_progress(len(records)):
            return
