#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of helpdesk_sla.

Builds a scratch database with helpdesk_base and helpdesk_sla, bulk-creates N open
tickets (default 100,000) on a team with a Kyiv office calendar and three SLA
policies, then in an ``odoo-bin shell``:

- times the creation of tickets one by one (``--singles``, rolled back) on a
  team without policy and on the team with policies, with queries per ticket;
- times the creation in batches of 10,000 tickets without policy (baseline) and
  of the N tickets with policies (tickets + SLA lines), with the queries run and
  the SLA lines per ticket;
- times a bulk close of 100 and of 1,000 tickets (rolled back), with queries;
- times a full SLA recompute (all status lines deleted, then rebuilt by
  ``helpdesk.ticket._sla_sync`` in batches) for the first 10,000 tickets and
  for all N;
- times the cron when every line of 10,000 tickets is due, when every line of the
  N tickets is due, and when nothing is due (the common 5-minute run).

Prints the figures, per-1,000-ticket costs and the N / 10,000 ratios, then drops
the database.

Usage: python3 bench/helpdesk_sla_bench.py [--tickets N] [--batch N] [--singles N]
       [--db NAME] [--keep-db]
"""

import argparse
import sys
import time

from _common import bs, scratch_database, shell_result

DB = "helpdesk_sla_bench"
MARKER = "SLA_BENCH_RESULT "
REFERENCE = 10000

SCRIPT = r"""
import json
import time
from datetime import datetime, timedelta
from odoo.fields import Command

count = {count}
reference = min({reference}, count)
batch = {batch}
singles = {singles}
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, mail_notrack=True))
calendar = env["resource.calendar"].create({{
    "name": "Bench Kyiv office", "tz": "Europe/Kyiv",
    "attendance_ids": [Command.clear()] + [
        Command.create({{"name": f"Day {{day}}", "dayofweek": str(day),
                         "hour_from": 9.0, "hour_to": 17.0,
                         "day_period": "morning"}})
        for day in range(5)
    ],
}})
stages = env["helpdesk.stage"].create([
    {{"name": "Bench New", "sequence": 1}},
    {{"name": "Bench Waiting", "sequence": 2}},
    {{"name": "Bench Done", "sequence": 3, "is_closed": True}},
])
team = env["helpdesk.team"].create({{
    "name": "Bench Support", "stage_ids": [Command.set(stages.ids)],
    "resource_calendar_id": calendar.id,
}})
priority = {{p.code: p for p in env["helpdesk.sla.priority"].search([])}}
env["helpdesk.sla"].create([
    {{"name": "Bench high", "team_id": team.id,
      "priority_ids": [Command.set((priority["2"] | priority["3"]).ids)],
      "first_response_hours": 1, "next_response_hours": 2, "resolution_hours": 8,
      "pause_stage_ids": [Command.set(stages[1].ids)]}},
    {{"name": "Bench low", "team_id": team.id,
      "priority_ids": [Command.set((priority["0"] | priority["1"]).ids)],
      "first_response_hours": 4, "resolution_hours": 40,
      "pause_stage_ids": [Command.set(stages[1].ids)]}},
    {{"name": "Bench all", "team_id": team.id, "resolution_hours": 80}},
])
customer = env["res.partner"].create({{"name": "Bench Customer"}})
bare_team = env["helpdesk.team"].create({{
    "name": "Bench No SLA", "stage_ids": [Command.set(stages.ids)],
    "resource_calendar_id": calendar.id,
}})
env.cr.commit()

Ticket = env["helpdesk.ticket"]
Status = env["helpdesk.sla.status"]
result = {{"tickets": count, "reference": reference}}


def create_tickets(on_team, label, how_many):
    # create how_many tickets in committed batches; return the seconds taken
    # and the queries run
    started = time.perf_counter()
    queries = env.cr.sql_log_count
    for start in range(0, how_many, batch):
        Ticket.create([
            {{"name": f"{{label}} {{index}}", "team_id": on_team.id,
              "partner_id": customer.id, "priority": str(index % 4)}}
            for index in range(start, min(start + batch, how_many))
        ])
        env.cr.commit()
        env.invalidate_all()
    return time.perf_counter() - started, env.cr.sql_log_count - queries


def create_singles(on_team, label, how_many):
    # create how_many tickets one create() call each (a form, an e-mail), from
    # a cold cache each time; return the seconds and queries per ticket
    env.cr.execute("SAVEPOINT bench_singles")
    elapsed = 0.0
    queries = 0
    for index in range(how_many):
        env.invalidate_all()
        before = env.cr.sql_log_count
        began = time.perf_counter()
        Ticket.create({{"name": f"{{label}} {{index}}", "team_id": on_team.id,
                        "partner_id": customer.id, "priority": str(index % 4)}})
        env.flush_all()
        elapsed += time.perf_counter() - began
        queries += env.cr.sql_log_count - before
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_singles")
    env.invalidate_all()
    return elapsed / how_many, queries / how_many


create_singles(team, "Warm-up", 5)
result["single_bare_s"], result["single_bare_q"] = create_singles(
    bare_team, "Single bare", singles)
result["single_s"], result["single_q"] = create_singles(team, "Single", singles)
result["create_bare_s"], result["create_bare_q"] = create_tickets(
    bare_team, "Bare ticket", reference)
result["create_s"], result["create_q"] = create_tickets(team, "Bench ticket", count)
env.cr.execute("ANALYZE helpdesk_ticket")
env.cr.execute("ANALYZE helpdesk_sla_status")
env.cr.execute("SELECT count(*) FROM helpdesk_sla_status")
result["lines"] = env.cr.fetchone()[0]
ticket_ids = Ticket.search([("team_id", "=", team.id)], order="id").ids


def recompute(ids):
    env.cr.execute("SAVEPOINT bench_recompute")
    env.cr.execute("DELETE FROM helpdesk_sla_status WHERE ticket_id = ANY(%s)",
                   [ids])
    env.invalidate_all()
    began = time.perf_counter()
    for start in range(0, len(ids), batch):
        Ticket.browse(ids[start:start + batch])._sla_sync(env.cr.now())
        env.flush_all()
        env.invalidate_all()
    elapsed = time.perf_counter() - began
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_recompute")
    env.invalidate_all()
    return elapsed


def cron(when, only_ids=None):
    env.cr.execute("SAVEPOINT bench_cron")
    if only_ids is not None:
        env.cr.execute(
            "UPDATE helpdesk_sla_status SET status = 'paused' "
            "WHERE NOT (ticket_id = ANY(%s))", [only_ids])
    env.invalidate_all()
    env.cr.now = lambda: when
    queries = env.cr.sql_log_count
    began = time.perf_counter()
    flagged = Status._cron_check_sla()
    env.flush_all()
    elapsed = time.perf_counter() - began
    queries = env.cr.sql_log_count - queries
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_cron")
    env.invalidate_all()
    return elapsed, flagged, queries


def bulk_close(ids):
    # close the tickets in one write, with their SLA lines; rolled back
    env.cr.execute("SAVEPOINT bench_close")
    env.invalidate_all()
    tickets = Ticket.browse(ids)
    queries = env.cr.sql_log_count
    began = time.perf_counter()
    tickets.write({{"stage_id": stages[2].id}})
    env.flush_all()
    elapsed = time.perf_counter() - began
    queries = env.cr.sql_log_count - queries
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_close")
    env.invalidate_all()
    return elapsed, queries


for size in (100, 1000):
    result[f"close_{{size}}_s"], result[f"close_{{size}}_q"] = bulk_close(
        ticket_ids[:size])
result["recompute_ref_s"] = recompute(ticket_ids[:reference])
result["recompute_all_s"] = recompute(ticket_ids)
future = datetime.now() + timedelta(days=60)
(result["cron_ref_s"], result["cron_ref_lines"],
 result["cron_ref_queries"]) = cron(future, ticket_ids[:reference])
(result["cron_all_s"], result["cron_all_lines"],
 result["cron_all_queries"]) = cron(future)
(result["cron_idle_s"], result["cron_idle_lines"],
 result["cron_idle_queries"]) = cron(datetime.now())
print("{marker}" + json.dumps(result))
"""


def _out(line=""):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _report(res):
    count, ref = res["tickets"], res["reference"]
    ratio = count / ref
    _out()
    _out(
        f"helpdesk_sla benchmark: {count} open tickets, {res['lines']} SLA lines"
        f" ({res['lines'] / count:.2f} per ticket)"
    )
    single = 1000 * res["single_s"]
    single_bare = 1000 * res["single_bare_s"]
    _out(
        f"  single create, no policy         {single_bare:8.2f} ms"
        f"  {res['single_bare_q']:5.1f} queries per ticket"
    )
    _out(
        f"  single create, 3 policies        {single:8.2f} ms"
        f"  {res['single_q']:5.1f} queries per ticket"
        f" (SLA: +{single - single_bare:.2f} ms, {single / single_bare - 1:+.0%},"
        f" +{res['single_q'] - res['single_bare_q']:.1f} queries)"
    )
    with_sla = 1000 * res["create_s"] / count
    bare = 1000 * res["create_bare_s"] / ref
    _out(
        f"  create, {ref} tickets, no policy    {res['create_bare_s']:8.1f} s"
        f"  {bare:7.2f} ms per ticket  {res['create_bare_q']:6d} queries"
    )
    _out(
        f"  create, {count} tickets, 3 policies {res['create_s']:8.1f} s"
        f"  {with_sla:7.2f} ms per ticket  {res['create_q']:6d} queries"
        f" (SLA: +{with_sla - bare:.2f} ms)"
    )
    for size in (100, 1000):
        _out(
            f"  bulk close, {size:4d} tickets          {res[f'close_{size}_s']:8.2f} s"
            f"  {res[f'close_{size}_q']:3d} queries"
        )
    for label, key, tickets in (
        (f"SLA recompute, {ref} tickets", "recompute_ref_s", ref),
        (f"SLA recompute, {count} tickets", "recompute_all_s", count),
    ):
        _out(
            f"  {label:<32} {res[key]:8.2f} s"
            f"  {res[key] * 1000 / tickets:7.3f} s per 1k tickets"
        )
    recompute_ratio = res["recompute_all_s"] / res["recompute_ref_s"]
    _out(
        f"  recompute ratio N/{ref}: {recompute_ratio:.2f} for {ratio:.1f}x the tickets"
    )
    for label, key in (
        (f"cron, {ref} tickets due", "cron_ref"),
        (f"cron, {count} tickets due", "cron_all"),
        ("cron, nothing due", "cron_idle"),
    ):
        _out(
            f"  {label:<32} {res[key + '_s']:8.3f} s  {res[key + '_lines']:7d} lines"
            f"  {res[key + '_queries']:3d} queries"
        )
    _out(
        f"  cron ratio N/{ref}: {res['cron_all_s'] / res['cron_ref_s']:.2f}"
        f" for {ratio:.1f}x the due lines; queries"
        f" {res['cron_ref_queries']} -> {res['cron_all_queries']}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=100000)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument(
        "--singles", type=int, default=200, help="tickets created one by one"
    )
    parser.add_argument("--db", default=DB, help="name of the scratch database")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    with scratch_database(
        args.db,
        ("helpdesk_base", "helpdesk_sla"),
        {"log_level": "warn"},
        keep=args.keep_db,
    ) as (env, conf):
        bs.step(f"creating {args.tickets} tickets and timing the SLA engine")
        script = SCRIPT.format(
            count=args.tickets,
            reference=REFERENCE,
            batch=args.batch,
            singles=args.singles,
            marker=MARKER,
        )
        started = time.monotonic()
        result = shell_result(env, conf, args.db, script, MARKER)
        if result is None:
            return 1
        _report(result)
        _out(f"  (shell run {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
