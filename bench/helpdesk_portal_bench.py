#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the helpdesk customer portal.

Builds a scratch database with helpdesk_base and helpdesk_portal, bulk-creates
10,000 tickets for one portal customer, starts Odoo on a free 127.0.0.1 port,
signs the customer in and requests ``/my/tickets`` (first page, and grouped by
stage), a search in the messages and a ticket page several times. Server time and
query count come from Odoo's request log line; the median is compared with the
100 ms target. The database is dropped at the end.

Usage: python3 bench/helpdesk_portal_bench.py [--tickets N] [--runs N] [--keep-db]
"""

import argparse
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

from _common import bs, scratch_database

DB = "helpdesk_portal_bench"
TARGET_MS = 100.0
LOGIN = "bench_portal"
PASSWORD = "bench-portal-password"
# werkzeug line as patched by Odoo: "... "GET /path HTTP/1.1" 200 - queries sql_s py_s"
REQUEST_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)"
)

POPULATE = """
from odoo.fields import Command
count = {count}
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
Ticket = env["helpdesk.ticket"]
batch = 1000
for start in range(0, count, batch):
    Ticket.create([
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
    env.cr.commit()
ticket = Ticket.search([("partner_id", "=", user.partner_id.id)], limit=1)
ticket.message_subscribe(partner_ids=user.partner_id.ids)
for index in range(10):
    ticket.message_post(body=f"Public answer {{index}}", message_type="comment",
                        subtype_xmlid="mail.mt_comment")
env.cr.commit()
print("BENCH_TICKET_ID", ticket.id)
print("BENCH_TICKETS", Ticket.search_count([("partner_id", "=", user.partner_id.id)]))
"""


def _run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)


def _populate(env, conf, count):
    bs.step(f"creating {count} tickets for one portal customer")
    script = POPULATE.format(count=count, login=LOGIN, password=PASSWORD)
    res = _run(env.odoo_cmd(conf, "-d", DB, "--no-http", command="shell"), input=script)
    ticket_id = int(re.search(r"BENCH_TICKET_ID (\d+)", res.stdout)[1])
    total = int(re.search(r"BENCH_TICKETS (\d+)", res.stdout)[1])
    return ticket_id, total


def _wait_up(base, proc, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise bs.BootstrapError("the Odoo server stopped while starting")
        try:
            urllib.request.urlopen(f"{base}/web/login", timeout=5)
            return
        except OSError:
            time.sleep(0.5)
    raise bs.BootstrapError("the Odoo server did not start in time")


def _opener():
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _login(opener, base):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"db": DB, "login": LOGIN, "password": PASSWORD},
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
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    port = bs._free_port()
    with scratch_database(
        DB,
        ("helpdesk_base", "helpdesk_portal"),
        {"http_port": str(port), "log_level": "info"},
        keep=args.keep_db,
    ) as (env, conf):
        ticket_id, total = _populate(env, conf, args.tickets)
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            logfile = Path(tmp) / "server.log"
            bs.step(f"starting Odoo on {base}")
            with subprocess.Popen(
                env.odoo_cmd(conf, "-d", DB, f"--logfile={logfile}"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ) as proc:
                try:
                    _wait_up(base, proc)
                    opener = _opener()
                    _login(opener, base)
                    sys.stdout.write(
                        f"\n{total} tickets for the customer, "
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
