# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tickets record where they come from (the ticket list's Channel column):
those opened by an e-mail before get the e-mail medium."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    api.Environment(cr, SUPERUSER_ID, {})["helpdesk.ticket"]._backfill_medium()
