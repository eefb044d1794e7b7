#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Parallel ticket creation against a real server, as integrators' scripts do it.

Builds a scratch database (helpdesk_base, helpdesk_sla, helpdesk_portal, rpc), a
team with balanced assignment over 3 agents, and an integrator user with a
password and an API key. Then, for a threaded server (what ``setup/run`` serves)
and a 4-worker prefork server, N clients at once each create tickets over XML-RPC
and JSON-2 (alternately), half of them naming a NEW customer by ``partner_email``,
the other half an existing ``partner_id``. It prints, per server: the creates that
succeeded, the errors returned to clients, whether references are unique, the
spread of the balanced assignment (max - min tickets per agent), the latency of one
create (median, 95th percentile, max) and the serialization failures the server
logged (each one is a replayed request). Exit status 1 when a create failed, a
reference repeated or the assignment spread exceeds one.

Usage: python3 bench/helpdesk_concurrency_check.py [--clients 20] [--per-client 4]
       [--keep-db]
"""

import argparse
import concurrent.futures
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xmlrpc.client
from collections import Counter
from pathlib import Path

from _common import bs, scratch_database, wait_up

DB = "helpdesk_concurrency_check"
LOGIN = "bench_integrator"
PASSWORD = "bench-integrator-password"

SETUP = """
from datetime import datetime, timedelta
from odoo.fields import Command
group = env.ref("helpdesk_base.helpdesk_base_group_user")
agents = env["res.users"].create([
    {{"name": f"Bench agent {{i}}", "login": f"bench_agent_{{i}}",
      "group_ids": [Command.link(group.id)]}} for i in range(3)
])
team = env["helpdesk.team"].create({{
    "name": "Concurrency", "assign_method": "balanced",
    "member_ids": [Command.set(agents.ids)],
}})
integrator = env["res.users"].create({{
    "name": "Integrator", "login": "{login}", "password": "{password}",
    "group_ids": [Command.link(group.id)],
}})
team.privacy_visibility = "internal"
known = env["res.partner"].create(
    {{"name": "Known customer", "email": "known@example.com"}})
key = env["res.users.apikeys"].with_user(integrator)._generate(
    scope="rpc", name="bench", expiration_date=datetime.now() + timedelta(days=1))
env.cr.commit()
print("BENCH", json.dumps({{"team": team.id, "agents": agents.ids, "known": known.id,
                            "uid": integrator.id, "key": key}}))
"""


def _run_shell(env, conf, script):
    res = subprocess.run(
        env.odoo_cmd(conf, "-d", DB, "--no-http", command="shell"),
        input="import json\n" + script,
        text=True,
        capture_output=True,
        check=True,
    )
    return json.loads(re.search(r"^BENCH (.*)$", res.stdout, re.M)[1])


def _create_xmlrpc(base, fixture, vals):
    proxy = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object", allow_none=True)
    return proxy.execute_kw(
        DB, fixture["uid"], PASSWORD, "helpdesk.ticket", "create", [vals]
    )


def _create_json2(base, fixture, vals):
    request = urllib.request.Request(
        f"{base}/json/2/helpdesk.ticket/create",
        data=json.dumps({"vals_list": [vals]}).encode(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {fixture['key']}",
            "X-Odoo-Database": DB,
        },
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())[0]


def _round(base, fixture, clients, per_client, tag):
    barrier = threading.Barrier(clients)
    latencies, errors, ids = [], [], []
    lock = threading.Lock()

    def client(index):
        barrier.wait(timeout=60)
        for number in range(per_client):
            vals = {
                "name": f"Parallel {tag} {index}.{number}",
                "team_id": fixture["team"],
            }
            if (index + number) % 2:
                vals["partner_id"] = fixture["known"]
            else:
                vals["partner_name"] = f"New customer {tag} {index}.{number}"
                vals["partner_email"] = f"new.{tag}.{index}.{number}@example.com"
            create = _create_xmlrpc if number % 2 else _create_json2
            started = time.monotonic()
            try:
                ticket_id = create(base, fixture, vals)
            except Exception as exc:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            with lock:
                latencies.append(time.monotonic() - started)
                ids.append(ticket_id)

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return latencies, errors, ids


def _read_tickets(base, fixture, ids):
    proxy = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object", allow_none=True)
    return proxy.execute_kw(
        DB,
        fixture["uid"],
        PASSWORD,
        "helpdesk.ticket",
        "read",
        [ids],
        {"fields": ["ticket_ref", "user_id", "partner_id"]},
    )


def _serve_and_measure(env, conf, fixture, workers, args):
    port = bs._free_port()
    logfile = Path(tempfile.mkstemp(prefix="hd-conc-", suffix=".log")[1])
    cmd = env.odoo_cmd(
        conf,
        "-d",
        DB,
        f"--http-port={port}",
        f"--gevent-port={bs._free_port()}",
        f"--workers={workers}",
        "--max-cron-threads=0",
        f"--logfile={logfile}",
        "--log-level=info",
        f"--db-filter=^{DB}$",
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(base, proc, timeout=180)
        # warm-up: one create per protocol (registry, assets of the first request)
        _create_xmlrpc(base, fixture, {"name": "warm-up", "team_id": fixture["team"]})
        _create_json2(base, fixture, {"name": "warm-up", "team_id": fixture["team"]})
        latencies, errors, ids = _round(
            base, fixture, args.clients, args.per_client, f"w{workers}"
        )
        tickets = _read_tickets(base, fixture, ids) if ids else []
        _team_tickets = xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object").execute_kw(
            DB,
            fixture["uid"],
            PASSWORD,
            "helpdesk.ticket",
            "search_read",
            [[("team_id", "=", fixture["team"])]],
            {"fields": ["user_id"]},
        )
    finally:
        proc.terminate()
        proc.wait(60)
    log = logfile.read_text(errors="replace")
    serialization = len(re.findall(r"could not serialize|tries left", log))
    refs = [ticket["ticket_ref"] for ticket in tickets]
    # balance over every ticket of the team (warm-ups and earlier rounds too)
    team_tickets = _team_tickets
    per_agent = Counter(t["user_id"][0] for t in team_tickets if t["user_id"])
    spread = (
        max(per_agent.values()) - min(per_agent.get(a, 0) for a in fixture["agents"])
        if per_agent
        else 0
    )
    total = args.clients * args.per_client
    label = "threaded" if not workers else f"{workers} workers"
    latencies.sort()
    ms = [latency * 1000 for latency in latencies] or [0.0]
    p95 = ms[max(int(len(ms) * 0.95) - 1, 0)]
    sys.stdout.write(
        f"{label:<10} created {len(ids):>3}/{total}  client errors {len(errors):>2}  "
        f"unique refs {'yes' if len(set(refs)) == len(refs) else 'NO'}  "
        f"assignment spread {spread} ({dict(per_agent)})\n"
        f"{'':<10} latency median {statistics.median(ms):6.0f} ms  p95 {p95:6.0f} ms"
        f"  max {ms[-1]:6.0f} ms  serialization failures logged {serialization}\n"
    )
    for error in errors[:5]:
        sys.stdout.write(f"{'':<10} error: {error}\n")
    sys.stdout.write(f"{'':<10} server log: {logfile}\n")
    return not errors and len(set(refs)) == len(refs) == total and spread <= 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--per-client", type=int, default=4)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    addons = ("rpc", "helpdesk_base", "helpdesk_sla", "helpdesk_portal")
    with scratch_database(DB, addons, {"log_level": "warn"}, keep=args.keep_db) as (
        env,
        conf,
    ):
        fixture = _run_shell(env, conf, SETUP.format(login=LOGIN, password=PASSWORD))
        sys.stdout.write(
            f"{args.clients} clients x {args.per_client} creates, XML-RPC and JSON-2, "
            "new and existing customers, balanced assignment over 3 agents\n"
        )
        ok = _serve_and_measure(env, conf, fixture, 0, args)
        ok &= _serve_and_measure(env, conf, fixture, 4, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
