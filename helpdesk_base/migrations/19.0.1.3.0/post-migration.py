# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The first response moves from helpdesk_sla to the base, which now records it
on every ticket with its working hours: tickets answered before get it from
their messages, and their hours from the team's calendar, by batches."""

from odoo import SUPERUSER_ID, api
from odoo.fields import Domain
from odoo.tools import SQL

BATCH = 5000


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Ticket = env["helpdesk.ticket"].with_context(active_test=False)
    Ticket._backfill_first_response()
    last_id = 0
    while True:
        tickets = Ticket.search_fetch(
            Domain("id", ">", last_id)
            & Domain("date_first_response", "!=", False)
            & (
                Domain("first_response_hours", "=", False)
                | Domain("first_response_hours", "=", 0)
            ),
            ["create_date", "date_first_response", "team_id", "company_id"],
            order="id",
            limit=BATCH,
        )
        if not tickets:
            return
        hours = tickets._working_hours_since_creation("date_first_response")
        cr.execute(
            SQL(
                "UPDATE helpdesk_ticket t SET first_response_hours = v.hours "
                "FROM (SELECT unnest(%s::int[]) AS id, "
                "unnest(%s::float8[]) AS hours) v WHERE t.id = v.id",
                tickets.ids,
                hours,
            )
        )
        last_id = tickets[-1].id
        env.invalidate_all()
