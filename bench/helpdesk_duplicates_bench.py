#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the duplicate detection at intake (helpdesk_base).

Builds a scratch database with helpdesk_base, three companies with a team and
2,000 customers each, then fills it in SQL (``INSERT ... SELECT
generate_series``) with N tickets (default 1,000,000) whose subjects are drawn
from some 40 objects, 40 problems and 30 places, half of them with an order or
room number: 10% open, created in the last 30 days, the others closed within a
year. Then, in an ``odoo-bin shell``, it creates incoming tickets through the
ORM — a mix of the same customer writing again about an open ticket, an outage
(the same subject from many customers of one team within minutes) and new
subjects — in batches of 20 and one by one, and times the duplicate check of
each ``create()`` call (``_detect_duplicates``, after the flush of the new
rows). It prints the median server time per incoming ticket, its ratio to the
5 ms goal, the queries per call, what was found, and the query plans of the
two detection queries (``EXPLAIN ANALYZE``) as PostgreSQL plans them, and
with the trigram index of the subjects as the only index on the candidates
(the indexes of the open tickets by customer or team and creation date, of
the open tickets by team, of the team and of the customer dropped, in a
rolled-back savepoint).

Usage: python3 bench/helpdesk_duplicates_bench.py [--tickets N] [--incoming N]
       [--db NAME] [--keep-db] [--reuse-db]
"""

import argparse
import sys
import time

from _common import bs, scratch_database, shell_result

DB = "helpdesk_duplicates_bench"
MARKER = "DUPLICATES_BENCH_RESULT "
GOAL_MS = 5.0

SCRIPT = r"""
import json
import random
import statistics
import time
from datetime import timedelta

from odoo.fields import Command
from odoo.tools import SQL

COUNT = __COUNT__
INCOMING = __INCOMING__
BATCH = 20
random.seed(42)
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, mail_notrack=True))
Ticket = env["helpdesk.ticket"]
OBJECTS = [
    "Printer", "Scanner", "Laptop", "VPN", "E-mail", "Outlook", "Invoice",
    "Payment", "Password", "Account", "Monitor", "Keyboard", "Wi-Fi", "Router",
    "Server", "Database", "Website", "Customer portal", "Desk phone", "Headset",
    "Webcam", "Access badge", "License", "Sales report", "Backup", "Calendar",
    "Video call", "Shared drive", "ERP", "CRM", "Warehouse scanner",
    "Label printer", "Cash register", "Tablet", "Docking station", "Projector",
    "Mailbox", "Firewall", "Payroll", "Delivery note",
]
PROBLEMS = [
    "does not start", "is very slow", "shows an error", "cannot connect",
    "keeps crashing", "is not working", "freezes after login",
    "asks for the password again", "was charged twice", "is missing",
    "cannot be opened", "prints blank pages", "does not sync",
    "lost its settings", "needs a replacement", "is out of order",
    "makes a strange noise", "overheats", "is blocked", "has expired",
    "shows the wrong totals", "sends duplicate e-mails", "rejects my card",
    "is stuck on loading", "disconnects every hour", "cannot be installed",
    "shows a certificate warning", "has no sound", "cannot find the file",
    "displays garbled text", "times out", "requires an update",
    "lost all my data", "is unreadable", "refuses the login", "is flickering",
    "charges the wrong VAT", "does not print labels", "bounces back",
    "is locked",
]
PLACES = [
    "in the Kyiv office", "on the second floor", "since this morning",
    "after the update", "for the whole team", "at the warehouse",
    "in meeting room B", "since yesterday", "for new employees",
    "at the reception", "in accounting", "at the Lviv branch",
    "when working from home", "on Mondays", "after the power cut",
    "on the production line", "in the sales department", "for our customers",
    "at the front desk", "in the showroom", "during month-end closing",
    "on the new laptop", "for the night shift", "in the training room",
    "at the Odesa depot", "since the move", "on every page", "for managers",
    "at the cash desk", "in the cloud",
]

started = time.monotonic()
stages = env["helpdesk.stage"].create([
    {"name": "Bench New", "sequence": 1},
    {"name": "Bench Done", "sequence": 2, "is_closed": True, "fold": True},
])
companies = env.company | env["res.company"].create(
    [{"name": "Bench Company B"}, {"name": "Bench Company C"}])
teams = env["helpdesk.team"].browse()
customers = {}
for company in companies:
    teams |= env["helpdesk.team"].create({
        "name": f"Bench Support {company.name}", "company_id": company.id,
        "stage_ids": [Command.set(stages.ids)],
    })
    customers[company.id] = env["res.partner"].create([
        {"name": f"Customer {company.id}-{index}", "company_id": company.id,
         "is_company": True}
        for index in range(2000)
    ]).ids
templates = Ticket.create([
    {"name": "Template", "team_id": team.id,
     "partner_id": customers[team.company_id.id][0], "stage_id": stages[0].id}
    for team in teams
])
env.flush_all()
env.cr.execute(
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_name = 'helpdesk_ticket' AND column_name != 'id'")
columns = [row[0] for row in env.cr.fetchall()]
overrides = {
    "name": SQL(
        "(%(objects)s::text[])"
        "[1 + (g * 7 + (random() * 1000)::int) %% %(n_objects)s]"
        " || ' ' || (%(problems)s::text[])"
        "[1 + (random() * 10000)::int %% %(n_problems)s]"
        " || ' ' || (%(places)s::text[])"
        "[1 + (random() * 10000)::int %% %(n_places)s]"
        " || CASE WHEN random() < 0.5 THEN ' #' || (1000 + (random() * 90000)::int)"
        " ELSE '' END",
        objects=OBJECTS, n_objects=len(OBJECTS), problems=PROBLEMS,
        n_problems=len(PROBLEMS), places=PLACES, n_places=len(PLACES),
    ),
    "partner_id": SQL("pick.partner"),
    "commercial_partner_id": SQL("pick.partner"),
    "ticket_ref": SQL("'B' || g"),
    "stage_id": SQL("CASE WHEN g %% 10 = 0 THEN %(open)s ELSE %(closed)s END",
                    open=stages[0].id, closed=stages[1].id),
    "is_closed": SQL("g %% 10 != 0"),
    "create_date": SQL(
        "now() at time zone 'UTC' - CASE WHEN g %% 10 = 0"
        " THEN random() * interval '30 days' ELSE random() * interval '365 days' END"),
    "outage_ticket_id": SQL("NULL"),
}
# the trigram index is built once at the end, not row by row
env.cr.execute(
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket' "
    "AND indexdef ILIKE '%%gin_trgm_ops%%'")
trigram_indexes = env.cr.fetchall()
for name, _definition in trigram_indexes:
    env.cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
for template in templates:
    per_team = COUNT // len(templates)
    select = SQL(", ").join(
        overrides[column] if column in overrides else SQL.identifier("t", column)
        for column in columns
    )
    for start in range(0, per_team, 100000):
        env.cr.execute(SQL(
            "INSERT INTO helpdesk_ticket (%s) SELECT %s"
            " FROM generate_series(%s, %s) AS g"
            " CROSS JOIN LATERAL (SELECT (%s::int[])"
            "[1 + (g * 0 + (random() * 1999)::int)] AS partner) AS pick"
            " JOIN helpdesk_ticket t ON t.id = %s",
            SQL(", ").join(SQL.identifier(column) for column in columns),
            select, start, min(start + 100000, per_team) - 1,
            customers[template.company_id.id], template.id,
        ))
        env.cr.commit()
for _name, definition in trigram_indexes:
    env.cr.execute(definition)
env.cr.execute("ANALYZE helpdesk_ticket")
env.cr.commit()
env.invalidate_all()
result = {"tickets": Ticket.search_count([]), "fill_s": time.monotonic() - started}
env.cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE is_closed IS NOT TRUE")
result["open"] = env.cr.fetchone()[0]
env.cr.execute("SELECT count(DISTINCT name) FROM helpdesk_ticket")
result["distinct_subjects"] = env.cr.fetchone()[0]

# the incoming tickets: the same customer again about a recent open ticket
# (another wording), an outage of one team, new subjects
env.cr.execute(
    "SELECT id, name, partner_id, team_id FROM helpdesk_ticket "
    "WHERE is_closed IS NOT TRUE"
    " AND create_date > now() at time zone 'UTC' - interval '5 days' "
    "ORDER BY random() LIMIT %s", [INCOMING])
recent = env.cr.fetchall()
outage_team = teams[0]
outage_customers = random.sample(customers[outage_team.company_id.id], 60)


def incoming_vals(index):
    kind = index % 5
    if kind in (0, 1):  # the same customer writes again
        _id, name, partner_id, team_id = recent[index]
        return {"name": f"Re: {name}", "partner_id": partner_id, "team_id": team_id}
    if kind == 2:  # an outage
        return {"name": "Payroll portal is down since 9:00",
                "partner_id": outage_customers[index % 60], "team_id": outage_team.id}
    team = teams[index % len(teams)]
    return {
        "name": f"{random.choice(OBJECTS)} {random.choice(PROBLEMS)} "
                f"{random.choice(PLACES)} #{random.randint(1000, 99999)}",
        "partner_id": random.choice(customers[team.company_id.id]),
        "team_id": team.id,
    }


Model = type(Ticket)
detect = Model._detect_duplicates
calls = []


def timed_detect(self):
    self.env.flush_all()
    queries = self.env.cr.sql_log_count
    began = time.perf_counter()
    detect(self)
    calls.append((len(self), time.perf_counter() - began,
                  self.env.cr.sql_log_count - queries))


Model._detect_duplicates = timed_detect
half = INCOMING // 2
created = Ticket.browse()
create_times = []
for start in range(0, half, BATCH):
    created |= Ticket.create(
        [incoming_vals(i) for i in range(start, min(start + BATCH, half))])
    env.cr.commit()
batch_calls, calls[:] = list(calls), []
for index in range(half, INCOMING):
    env.invalidate_all()
    began = time.perf_counter()
    created |= Ticket.create(incoming_vals(index))
    env.flush_all()
    create_times.append(time.perf_counter() - began)
    env.cr.commit()
single_calls = list(calls)
Model._detect_duplicates = detect

result["batch_ms"] = statistics.median(1000 * s / n for n, s, _q in batch_calls)
result["batch_queries"] = max(q for _n, _s, q in batch_calls)
result["batch_size"] = BATCH
result["single_ms"] = statistics.median(1000 * s for _n, s, _q in single_calls)
result["single_p95_ms"] = sorted(1000 * s for _n, s, _q in single_calls)[
    int(0.95 * (len(single_calls) - 1))]
result["single_queries"] = max(q for _n, _s, q in single_calls)
result["single_create_ms"] = statistics.median(1000 * s for s in create_times)
env.invalidate_all()
result["incoming"] = len(created)
result["with_duplicates"] = Ticket.search_count(
    [("id", "in", created.ids), ("duplicate_ticket_ids", "any", [])])
result["in_outage"] = Ticket.search_count(
    [("id", "in", created.ids), ("outage_ticket_id", "!=", False)])


def explain(query):
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) %s", query))
    return [row[0] for row in env.cr.fetchall()]


env.cr.execute(
    "SELECT indexname FROM pg_indexes WHERE tablename = 'helpdesk_ticket' "
    "AND (indexdef ILIKE '%%gin_trgm_ops%%' OR indexname LIKE '%%created_idx')")
result["indexes"] = [row[0] for row in env.cr.fetchall()]
probe = Ticket.create(incoming_vals(0) | {"name": f"Re: Re: {recent[0][1]}"})
outage_probe = Ticket.create(incoming_vals(2))
env.flush_all()
plans = {}
# the second plan leaves the trigram index alone to find the candidates
narrower = [
    "helpdesk_ticket_open_customer_created_idx",
    "helpdesk_ticket_open_team_created_idx",
    "helpdesk_ticket_open_team_idx",
    "helpdesk_ticket__team_id_index",
    "helpdesk_ticket__commercial_partner_id_index",
]
for label, drop in (("default", False), ("trigram index only", True)):
    env.cr.execute("SAVEPOINT bench_explain")
    if drop:
        for name in narrower:
            env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(name)))
    env.cr.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.5', true)")
    now = env.cr.now()
    plans[label] = {
        "same customer": explain(probe._same_customer_sql(now)),
        "outage": explain(outage_probe._outage_sql(now)),
    }
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_explain")
result["plans"] = plans
env.cr.rollback()
print("__MARKER__" + json.dumps(result))
"""


def _out(line=""):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _report(res):
    _out()
    _out(
        f"helpdesk duplicate detection: {res['tickets']} tickets "
        f"({res['open']} open, {res['distinct_subjects']} distinct subjects), "
        f"filled in {res['fill_s']:.0f} s"
    )
    _out(
        f"  {res['incoming']} incoming tickets: {res['with_duplicates']} with possible "
        f"duplicates, {res['in_outage']} in a possible outage"
    )
    for label, key, queries in (
        (f"batches of {res['batch_size']}", "batch_ms", "batch_queries"),
        ("one by one", "single_ms", "single_queries"),
    ):
        _out(
            f"  duplicate check, {label:<14} {res[key]:7.2f} ms per incoming ticket"
            f"  (ratio to the {GOAL_MS:.0f} ms goal: {res[key] / GOAL_MS:.2f})"
            f"  {res[queries]} queries per create() at most"
        )
    _out(
        f"  one by one: p95 {res['single_p95_ms']:.2f} ms; whole create() median "
        f"{res['single_create_ms']:.2f} ms"
    )
    _out(f"  indexes: {', '.join(res['indexes'])}")
    for label, plans in res["plans"].items():
        for query, lines in plans.items():
            _out()
            _out(f"  EXPLAIN ANALYZE, {query} query, {label}:")
            for line in lines:
                _out(f"    {line}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tickets", type=int, default=1000000)
    parser.add_argument("--incoming", type=int, default=200)
    parser.add_argument("--db", default=DB, help="name of the scratch database")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    with scratch_database(
        args.db, ("helpdesk_base",), {"log_level": "warn"}, keep=args.keep_db
    ) as (env, conf):
        bs.step(f"filling {args.tickets} tickets, then timing {args.incoming} incoming")
        script = (
            SCRIPT.replace("__COUNT__", str(args.tickets))
            .replace("__INCOMING__", str(args.incoming))
            .replace("__MARKER__", MARKER)
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
