#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of helpdesk_channels: the webhook's answer time and the events
processed into tickets per second.

Goals: the webhook answers in under 20 ms (median), and one worker processes at
least 50 messenger messages per second into tickets and messages.

Builds a scratch database with helpdesk_base and helpdesk_channels, a team and a
Telegram channel (signature secret known), starts Odoo (threaded, one process) and
POSTs ``--events`` signed Telegram updates, one after the other, from ``--chats``
customers (a first message opens each customer's ticket, the others follow up),
timing each answer. Then, with the server stopped, runs the processing job once
in an ``odoo-bin shell`` (its batches committed as in production) and times it.

Prints the median and 95th percentile of the answers, the events per second, each
with its ratio to the goal, and PASS/FAIL; exits 1 when a goal is missed.

Usage: python3 bench/helpdesk_channels_bench.py [--events N] [--chats N]
       [--db NAME] [--keep-db]
"""

import argparse
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

DB = "bench_helpdesk_channels"
ADDONS = ("helpdesk_base", "helpdesk_channels")
SECRET = "bench-secret"
ANSWER_GOAL_MS = 20.0
RATE_GOAL = 50.0

SETUP = f"""
team = env["helpdesk.team"].create({{"name": "Bench messengers"}})
channel = env["helpdesk.channel"].create({{
    "name": "Bench bot", "provider": "telegram", "team_id": team.id,
    "token": "1:BENCH", "webhook_secret": "{SECRET}",
    "api_base_url": "http://127.0.0.1:9",
}})
env.cr.commit()
print("BENCH_KEY", channel.webhook_key)
"""

PROCESS = """
import time
Event = env["helpdesk.channel.event"]
waiting = Event.search_count([("state", "=", "new")])
began = time.monotonic()
Event._cron_process()
env.cr.commit()
elapsed = time.monotonic() - began
print("BENCH_DONE", Event.search_count([("state", "=", "done")]))
print("BENCH_WAITING", waiting)
print("BENCH_SECONDS", f"{elapsed:.3f}")
tickets = env["helpdesk.ticket"].search_count([("channel_id", "!=", False)])
print("BENCH_TICKETS", tickets)
"""


def _shell(env, conf, db, script):
    return subprocess.run(
        env.odoo_cmd(conf, "-d", db, "--no-http", command="shell"),
        input=script,
        check=True,
        text=True,
        capture_output=True,
    ).stdout


def _update(index, chats):
    chat = 700000 + index % chats
    return {
        "update_id": 100000 + index,
        "message": {
            "message_id": index + 1,
            "date": 1700000000 + index,
            "chat": {"id": chat, "type": "private", "first_name": f"Customer {chat}"},
            "from": {"id": chat, "is_bot": False, "first_name": f"Customer {chat}"},
            "text": f"Printer error {index}: it does not print",
        },
    }


def _post_all(url, events, chats):
    times = []
    for index in range(events):
        request = urllib.request.Request(
            url,
            data=json.dumps(_update(index, chats)).encode(),
            headers={
                "Content-Type": "application/json",
                "X-Telegram-Bot-Api-Secret-Token": SECRET,
            },
        )
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            if response.status != 200:
                raise bs.BootstrapError(f"the webhook answered {response.status}")
        times.append((time.perf_counter() - began) * 1000)
    return times


def _line(name, value, goal, unit, higher_is_better):
    ratio = value / goal
    ok = ratio >= 1 if higher_is_better else ratio <= 1
    sign = ">=" if higher_is_better else "<="
    sys.stdout.write(
        f"{name:<38} {value:9.1f} {unit:<5} goal {sign} {goal:g} {unit:<5} "
        f"ratio {ratio:5.2f}  {'PASS' if ok else 'FAIL'}\n"
    )
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--db", default=DB)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    port = bs._free_port()
    conf_extra = {"http_port": str(port), "log_level": "warn"}
    with scratch_database(args.db, ADDONS, conf_extra, keep=args.keep_db) as (
        env,
        conf,
    ):
        key = re.search(r"BENCH_KEY (\S+)", _shell(env, conf, args.db, SETUP))[1]
        base = f"http://127.0.0.1:{port}"
        with tempfile.TemporaryDirectory() as tmp:
            logfile = Path(tmp) / "server.log"
            bs.step(f"starting Odoo on {base}")
            with subprocess.Popen(
                env.odoo_cmd(
                    conf, "-d", args.db, "--max-cron-threads=0", f"--logfile={logfile}"
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ) as proc:
                try:
                    wait_up(base, proc)
                    url = f"{base}/helpdesk/channel/telegram/{key}"
                    _post_all(url, 20, args.chats)  # warm-up (same ids: dropped)
                    bs.step(f"posting {args.events} signed Telegram updates")
                    times = _post_all(url, args.events, args.chats)
                finally:
                    proc.terminate()
                    proc.wait(timeout=60)
        bs.step("processing the queue")
        out = _shell(env, conf, args.db, PROCESS)
        done = int(re.search(r"BENCH_DONE (\d+)", out)[1])
        seconds = float(re.search(r"BENCH_SECONDS ([\d.]+)", out)[1])
        tickets = int(re.search(r"BENCH_TICKETS (\d+)", out)[1])
        if done != args.events:
            raise SystemExit(f"{done} events processed of {args.events}")
        median = statistics.median(times)
        p95 = statistics.quantiles(times, n=20)[-1]
        rate = done / seconds if seconds else float("inf")
        sys.stdout.write(
            f"\n{args.events} events from {args.chats} customers: {tickets} tickets, "
            f"{args.events - tickets} follow-ups; processed in {seconds:.1f} s\n\n"
        )
        ok = _line("webhook answer, median", median, ANSWER_GOAL_MS, "ms", False)
        sys.stdout.write(f"{'webhook answer, 95th percentile':<38} {p95:9.1f} ms\n")
        ok &= _line("processed per second (one worker)", rate, RATE_GOAL, "msg/s", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
