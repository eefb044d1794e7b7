# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Tickets answered before the SLA module was installed keep the date of
    their first response: the first-response targets of the policies created
    later are reached at that date, not pending."""
    env["helpdesk.ticket"]._sla_backfill_first_response()
