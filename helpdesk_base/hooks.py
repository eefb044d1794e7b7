# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Give every existing company its own ticket reference sequence."""
    env["res.company"].search([])._helpdesk_ensure_ticket_sequence()
