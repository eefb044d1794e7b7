#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the helpdesk customer portal.

Builds a scratch database with helpdesk_base and helpdesk_portal, bulk-creates
10,000 tickets for one portal customer (``--tickets``) and, with ``--total``, the
tickets of other customers up to that total (copied in SQL between the customer's
batches, so that the customer's tickets are spread among the others, each followed
by its customer as ``helpdesk_base`` does). Then it starts Odoo on a free 127.0.0.1
port, signs the customer in and requests ``/my/tickets`` (first page, and grouped by
stage), a search in the messages and a ticket page several times. Server time and
query count come from Odoo's request log line; the median is compared with the
100 ms target. The database is dropped at the end unless ``--keep-db``;
``--reuse-db`` measures a kept database again after updating the addons (the code
of the working tree, with its migrations).

Usage: python3 bench/helpdesk_portal_bench.py [--tickets N] [--total N] [--runs N]
       [--keep-db | --reuse-db] [--db NAME]
"""

import argparse
import contextlib
import http.cookiejar
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _common import bs, scratch_database, wait_up

DB = "helpdesk_portal_bench"
ADDONS = ("helpdesk_base", "helpdesk_portal")
TARGET_MS = 100.0
LOGIN = "bench_portal"
PASSWORD = "bench-portal-password"
# werkzeug line as patched by Odoo: "... "GET /path HTTP/1.1" 200 - queries sql_s py_s"
REQUEST_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)"
)

POPULATE = """
import time
from odoo.fields import Command
from odoo.tools import SQL
count = {count}
others = {others}
other_customers = {other_customers}
started = time.monotonic()
env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                       mail_create_nosubscribe=True, mail_notrack=True,
                       no_reset_password=True))
stages = env["helpdesk.stage"].create([
    {{"name": "Bench New", "sequence": 1}},
    {{"name": "Bench Progress", "sequence": 2}},
    {{"name": "Bench Done", "sequence": 3, "is_closed": True,
      "is_customer_closable": True}},
])
team = env["helpdesk.team"].create({{
    "name": "Bench Support", "stage_ids": [Command.set(stages.ids)],
    "portal_visibility": "company",
}})
company = env["res.partner"].create({{"name": "Bench Corp", "is_company": True}})
user = env["res.users"].create({{
    "name": "Bench Customer", "login": "{login}", "password": "{password}",
    "email": "bench@customer.example.com",
    "group_ids": [Command.set([env.ref("base.group_portal").id])],
}})
user.partner_id.parent_id = company
other_companies = env["res.partner"].create([
    {{"name": f"Bench Other Corp {{index}}", "is_company": True}}
    for index in range(other_customers if others else 0)
])
other_partners = env["res.partner"].create([
    {{"name": f"Bench Other {{index}}", "parent_id": other.id,
      "email": f"other{{index}}@other.example.com"}}
    for index, other in enumerate(other_companies)
])
env.cr.execute(SQL(
    "SELECT column_name FROM information_schema.columns "
    "WHERE table_name = 'helpdesk_ticket' AND column_name != 'id' "
    "ORDER BY ordinal_position"
))
columns = [row[0] for row in env.cr.fetchall()]
overrides = {{
    "partner_id": SQL("(%s::int[])[1 + g %% %s]", other_partners.ids,
                      len(other_partners) or 1),
    "commercial_partner_id": SQL("(%s::int[])[1 + g %% %s]", other_companies.ids,
                                 len(other_companies) or 1),
    "partner_name": SQL("'Bench Other'"),
    "partner_email": SQL("'other@other.example.com'"),
    "name": SQL("'Other ticket ' || g"),
    "number": SQL("'OT' || g"),
    "access_token": SQL("NULL"),
}}
select = SQL(", ").join(
    overrides.get(column, SQL("t.%s", SQL.identifier(column))) for column in columns
)


def copy_others(template_ids, first, amount):
    # other customers' tickets: copies of the customer's last batch, each followed
    # by its customer as helpdesk_base subscribes customers
    if amount <= 0:
        return
    env.cr.execute(SQL(
        "WITH new AS (INSERT INTO helpdesk_ticket (%s) SELECT %s "
        "FROM generate_series(%s, %s) AS g "
        "JOIN helpdesk_ticket t ON t.id = (%s::int[])[1 + g %% %s] "
        "RETURNING id, partner_id) "
        "INSERT INTO mail_followers (res_model, res_id, partner_id) "
        "SELECT 'helpdesk.ticket', id, partner_id FROM new",
        SQL(", ").join(SQL.identifier(column) for column in columns),
        select, first, first + amount - 1, template_ids, len(template_ids),
    ))


Ticket = env["helpdesk.ticket"]
batch = 1000
copied = 0
for start in range(0, count, batch):
    tickets = Ticket.create([
        {{
            "name": f"Bench ticket {{index}}",
            "team_id": team.id,
            "partner_id": user.partner_id.id,
            "priority": str(index % 4),
            "stage_id": stages[index % 3].id,
            "description": f"<p>Description of ticket {{index}}</p>",
        }}
        for index in range(start, min(start + batch, count))
    ])
    env.flush_all()
    share = others * min(start + batch, count) // count - copied
    copy_others(tickets.ids, copied, share)
    copied += share
    env.cr.commit()
    env.invalidate_all()
ticket = Ticket.search([("partner_id", "=", user.partner_id.id)], order="id", limit=1)
ticket.message_subscribe(partner_ids=user.partner_id.ids)
for index in range(10):
    ticket.message_post(body=f"Public answer {{index}}", message_type="comment",
                        subtype_xmlid="mail.mt_comment")
env.cr.commit()
env.cr.execute(SQL("ANALYZE"))
print("BENCH_POPULATE_SECONDS", round(time.monotonic() - started))
"""

READ = """
ticket = env["helpdesk.ticket"].search(
    [("partner_id.user_ids.login", "=", "{login}")], order="id", limit=1
)
print("BENCH_TICKET_ID", ticket.id)
print("BENCH_TICKETS",
      env["helpdesk.ticket"].search_count([("partner_id", "=", ticket.partner_id.id)]))
print("BENCH_TOTAL", env["helpdesk.ticket"].search_count([]))
"""


def _run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)


def _shell(env, conf, db, script):
    return _run(
        env.odoo_cmd(conf, "-d", db, "--no-http", command="shell"), input=script
    )


def _populate(env, conf, db, count, total, other_customers):
    others = max(total - count, 0)
    bs.step(
        f"creating {count} tickets for one portal customer and {others} for "
        f"{other_customers if others else 0} other customers"
    )
    script = POPULATE.format(
        count=count,
        others=others,
        other_customers=other_customers,
        login=LOGIN,
        password=PASSWORD,
    )
    res = _shell(env, conf, db, script)
    seconds = re.search(r"BENCH_POPULATE_SECONDS (\d+)", res.stdout)[1]
    bs.step(f"created in {seconds} s")


def _read_figures(env, conf, db):
    res = _shell(env, conf, db, READ.format(login=LOGIN))
    return tuple(
        int(re.search(rf"{name} (\d+)", res.stdout)[1])
        for name in ("BENCH_TICKET_ID", "BENCH_TICKETS", "BENCH_TOTAL")
    )


@contextlib.contextmanager
def _kept_database(db, conf_extra):
    """Yield ``(env, conf)`` for the database ``db`` kept by an earlier run, after
    updating the addons (the working tree's code and migrations)."""
    with bs.friendly_errors():
        env = bs.bootstrap()
        conf = bs.write_config(
            f"bench-{db}",
            env.src,
            env.pg,
            {"workers": "0", "max_cron_threads": "0", **conf_extra},
        )
        bs.step(f"updating {', '.join(ADDONS)} in '{db}'")
        cmd = ("-d", db, "-u", ",".join(ADDONS), "--stop-after-init", "--no-http")
        update = subprocess.run(
            env.odoo_cmd(conf, *cmd), capture_output=True, text=True, check=False
        )
        if update.returncode:
            sys.stderr.write(update.stdout[-5000:] + update.stderr[-5000:])
            raise bs.BootstrapError(f"updating {', '.join(ADDONS)} failed")
        yield env, conf


def _opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _login(opener, base, db):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"db": db, "login": LOGIN, "password": PASSWORD},
    }
    request = urllib.request.Request(
        f"{base}/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    result = json.loads(opener.open(request, timeout=60).read())
    if "error" in result:
        raise bs.BootstrapError(f"login failed: {result['error']}")


def _measure(opener, base, path, runs, logfile):
    """Request ``path`` ``runs`` times after a warm-up; read the server's figures."""
    opener.open(f"{base}{path}", timeout=120).read()
    wanted = path.split("?")[0]
    samples = []
    for _index in range(runs):
        offset = logfile.stat().st_size
        response = opener.open(f"{base}{path}", timeout=120)
        response.read()
        if response.status != 200 or response.geturl().rstrip("/").endswith("/login"):
            raise bs.BootstrapError(f"{path} answered {response.status}")
        line = None
        for _attempt in range(50):
            with open(logfile) as log:
                log.seek(offset)
                line = next(
                    (
                        match
                        for match in map(REQUEST_LINE.search, log)
                        if match and match["path"].split("?")[0] == wanted
                    ),
                    None,
                )
            if line:
                break
            time.sleep(0.05)
        if not line:
            raise bs.BootstrapError(f"no request log line for {path}")
        samples.append(
            (
                int(line["queries"]),
                (float(line["sql"]) + float(line["python"])) * 1000,
                float(line["sql"]) * 1000,
            )
        )
    return samples


def _report(name, samples):
    queries = statistics.median(sample[0] for sample in samples)
    times = sorted(sample[1] for sample in samples)
    median = statistics.median(times)
    sql = statistics.median(sample[2] for sample in samples)
    sys.stdout.write(
        f"{name:<30} queries {queries:>3.0f}  server median {median:6.1f} ms"
        f" (SQL {sql:5.1f} ms)  min {times[0]:6.1f}  max {times[-1]:6.1f}"
        f"   ratio to {TARGET_MS:.0f} ms target {median / TARGET_MS:5.2f}\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10000)
    parser.add_argument(
        "--total",
        type=int,
        default=0,
        help="tickets in the database, the customer's included (default: only "
        "the customer's)",
    )
    parser.add_argument("--other-customers", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", default=DB)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure a database kept by --keep-db again, after updating the addons",
    )
    args = parser.parse_args()
    port = bs._free_port()
    conf_extra = {"http_port": str(port), "log_level": "info"}
    if args.reuse_db:
        database = _kept_database(args.db, conf_extra)
    else:
        database = scratch_database(args.db, ADDONS, conf_extra, keep=args.keep_db)
    with database as (env, conf):
        if not args.reuse_db:
            _populate(
                env,
                conf,
                args.db,
                args.tickets,
                max(args.total, args.tickets),
                max(args.other_customers, 1),
            )
        ticket_id, count, total = _read_figures(env, conf, args.db)
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            logfile = Path(tmp) / "server.log"
            bs.step(f"starting Odoo on {base}")
            with subprocess.Popen(
                env.odoo_cmd(conf, "-d", args.db, f"--logfile={logfile}"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ) as proc:
                try:
                    wait_up(base, proc)
                    opener = _opener()
                    _login(opener, base, args.db)
                    sys.stdout.write(
                        f"\n{count} tickets for the customer, {total} in all, "
                        f"{args.runs} runs per page\n\n"
                    )
                    pages = (
                        ("/my/tickets (open, newest)", "/my/tickets"),
                        (
                            "/my/tickets (all, by stage)",
                            "/my/tickets?filterby=all&groupby=stage_id",
                        ),
                        (
                            "/my/tickets (search messages)",
                            "/my/tickets?filterby=all&search=answer",
                        ),
                        (f"/my/tickets/{ticket_id}", f"/my/tickets/{ticket_id}"),
                    )
                    for name, path in pages:
                        _report(name, _measure(opener, base, path, args.runs, logfile))
                finally:
                    proc.terminate()
                    proc.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
