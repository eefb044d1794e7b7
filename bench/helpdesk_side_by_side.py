#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Side-by-side benchmark: this suite, OCA helpdesk_mgmt and Odoo's project.

Builds three scratch databases:

- ours:  rpc, helpdesk_base, helpdesk_sla, helpdesk_portal; a team with an SLA
  policy, the shipped stages (their mails on: ticket received, ticket solved);
- OCA:   rpc and helpdesk_mgmt 19.0 from PyPI (``pip download --no-deps`` into
  ~/.cache/helpdesk-suite/oca, never into this repository), its shipped stages;
- floor: rpc and project; tasks of one project with five stages.

Each database is filled up to every size of ``--sizes`` (batches of 1,000 with
commits, tracking off: the filling is not measured); a tenth of the tickets belong
to one portal customer. Then, for ``--runs`` rounds, ours, OCA and floor in turn:

- ORM create of ``--batch`` tickets in one call, ``--single`` one by one, and the
  bulk close of ``--batch`` open tickets (normal context, as the administrator,
  rolled back), in ``odoo-bin shell`` workers;
- XML-RPC create, the kanban, list and form (with its chatter) of the tickets and
  the team dashboard (the JSON-RPC calls the web client makes, specifications
  taken from the views of each product's menu action), and the portal ticket list
  of the customer, against a threaded server; server time and queries come from
  Odoo's request log line;

and prints the medians with the ratios to OCA and to the floor, next to the
targets. Size per ticket: what ``--batch`` more tickets created with the normal
context add to the ticket table and its satellites (mail messages, followers,
tracking values, notifications, SLA lines, many2many tables), indexes included:
live rows (after VACUUM FULL) and the growth before any vacuum. Finally the
XML-RPC create and the portal list run against a 4-worker server with 1, 2 and 4
clients at once (requests per second). Everything runs on 127.0.0.1; the
databases are dropped at the end unless ``--keep-db``.

Usage: python3 bench/helpdesk_side_by_side.py [--sizes 10000,100000,300000]
       [--runs 5] [--batch 1000] [--single 100] [--keep-db] [--reuse-db]
       [--ours-addons DIR]   (all options: --help)
"""

import argparse
import concurrent.futures
import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xmlrpc.client
import zipfile
from pathlib import Path

from _common import bs, scratch_database

OCA_PACKAGE = "odoo-addon-helpdesk-mgmt"
OCA_SPEC = f"{OCA_PACKAGE}>=19.0,<19.1"
ADMIN_PASSWORD = "bench-admin-password"
PORTAL_LOGIN = "bench_portal"
PORTAL_PASSWORD = "bench-portal-password"
MARK = "HDSBS "
FLAVORS = ("ours", "oca", "floor")
LABELS = {"ours": "ours", "oca": "OCA", "floor": "floor"}
ADDONS = {
    "ours": ("rpc", "helpdesk_base", "helpdesk_sla", "helpdesk_portal"),
    "oca": ("rpc", "helpdesk_mgmt"),
    "floor": ("rpc", "project"),
}
# werkzeug line as patched by Odoo: "... "GET /path HTTP/1.1" 200 - queries sql_s py_s"
REQUEST_LINE = re.compile(
    r'"(?P<method>GET|POST) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) - '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<python>[\d.]+)"
)

# Runs inside ``odoo-bin shell``: answers the commands (one JSON object a line)
# read from the file descriptor CONFIG["fd"] with a line "HDSBS <json>".
WORKER = r'''
import json, os, sys, time, traceback
from lxml import etree
from odoo import api, SUPERUSER_ID
from odoo.fields import Command

KIND = CONFIG["kind"]
registry = env.registry
QUIET = dict(tracking_disable=True, mail_create_nolog=True,
             mail_create_nosubscribe=True, mail_notrack=True,
             no_reset_password=True, mail_auto_subscribe_no_notify=True)
KINDS = {
    "ours": dict(ticket="helpdesk.ticket", team="helpdesk.team",
                 tickets_action="helpdesk_base.helpdesk_ticket_action",
                 dashboard_action="helpdesk_base.helpdesk_team_action_dashboard",
                 agent_group="helpdesk_base.helpdesk_base_group_user",
                 portal="/my/tickets", satellites=["helpdesk_sla_status"]),
    "oca": dict(ticket="helpdesk.ticket", team="helpdesk.ticket.team",
                tickets_action="helpdesk_mgmt.helpdesk_ticket_action",
                dashboard_action="helpdesk_mgmt.helpdesk_ticket_dashboard_action",
                agent_group="helpdesk_mgmt.group_helpdesk_user",
                portal="/my/tickets", satellites=[],
                dashboard_calls=[("helpdesk.ticket.team", "retrieve_dashboard")]),
    "floor": dict(ticket="project.task", team="project.project",
                  tickets_action="project.act_project_project_2_project_task_all",
                  dashboard_action="project.open_view_project_all",
                  agent_group="project.group_project_user",
                  portal="/my/tasks", satellites=[]),
}
K = KINDS[KIND]
TEAM_FIELD = "project_id" if KIND == "floor" else "team_id"


def admin_env(cr, context=None):
    env = api.Environment(cr, SUPERUSER_ID, {})
    admin = env.ref("base.user_admin")
    ctx = dict(env["res.users"].with_user(admin).context_get())
    ctx.update(context or {})
    return api.Environment(cr, admin.id, ctx)


def setup_records(env):
    env = env(context=dict(env.context, **QUIET))
    env.ref("base.user_admin").write({"password": CONFIG["admin_password"]})
    group = env.ref(K["agent_group"])
    agents = env["res.users"].create([
        {"name": f"Bench agent {i}", "login": f"bench_agent_{i}",
         "email": f"agent{i}@bench.example.com",
         "group_ids": [Command.link(group.id)]}
        for i in range(3)
    ])
    company = env["res.partner"].create({"name": "Bench Corp", "is_company": True})
    portal = env["res.users"].create({
        "name": "Bench Customer", "login": CONFIG["portal_login"],
        "password": CONFIG["portal_password"], "email": "customer@bench.example.com",
        "group_ids": [Command.set([env.ref("base.group_portal").id])],
    })
    portal.partner_id.parent_id = company
    others = env["res.partner"].create([
        {"name": f"Bench other customer {i}", "email": f"other{i}@bench.example.com"}
        for i in range(50)
    ])
    if KIND == "ours":
        team = env["helpdesk.team"].create({
            "name": "Bench Support", "member_ids": [Command.set(agents.ids)],
            "use_sla": True,
        })
        env["helpdesk.sla"].create({
            "name": "Bench SLA", "team_id": team.id,
            "first_response_hours": 4, "resolution_hours": 40,
        })
        stages = team.stage_ids.sorted(lambda s: (s.sequence, s.id))
        new_stage = env.ref("helpdesk_base.stage_new")
        if not new_stage.template_id:  # the stage mail must be on
            new_stage.template_id = env.ref(
                "helpdesk_base.mail_template_ticket_received")
        closed = stages.filtered("is_closed")[:1]
        close_vals = {"stage_id": closed.id}
    elif KIND == "oca":
        team = env["helpdesk.ticket.team"].create({
            "name": "Bench Support", "user_ids": [Command.set(agents.ids)],
            "show_in_portal": True,
        })
        stages = team._get_applicable_stages().sorted(lambda s: (s.sequence, s.id))
        closed = stages.filtered("closed")[:1]
        close_vals = {"stage_id": closed.id}
    else:
        stages = env["project.task.type"].create([
            {"name": name, "sequence": seq, "fold": fold}
            for seq, (name, fold) in enumerate([
                ("New", False), ("In Progress", False), ("Waiting", False),
                ("Done", True), ("Cancelled", True)], start=1)
        ])
        team = env["project.project"].create({
            "name": "Bench Support", "privacy_visibility": "portal",
            "type_ids": [Command.set(stages.ids)],
        })
        closed = stages[3]
        close_vals = {"stage_id": closed.id, "state": "1_done"}
    fixture = {
        "team": team.id, "stages": stages.ids[:5], "close_vals": close_vals,
        "agents": agents.ids, "customer": portal.partner_id.id,
        "others": others.ids,
    }
    env.cr.commit()
    # a ticket of the customer created as the web client would, with a conversation
    menv = admin_env(env.cr)
    showcase = menv[K["ticket"]].create(ticket_vals(fixture, 0, customer=True))
    for index in range(10):
        showcase.message_post(body=f"<p>Answer {index}</p>", message_type="comment",
                              subtype_xmlid="mail.mt_comment")
    if KIND == "floor":
        showcase.message_subscribe(partner_ids=[fixture["customer"]])
    fixture["showcase"] = showcase.id
    env.cr.commit()
    return fixture


def ticket_vals(fx, index, customer=False, populate=False):
    Model = registry[K["ticket"]]
    priorities = [key for key, _label in Model._fields["priority"].selection]
    partner = fx["customer"] if customer else fx["others"][index % len(fx["others"])]
    vals = {
        "name": f"Bench ticket {index}: the printer on floor {index % 7} jams",
        "description": f"<p>Ticket {index}: since this morning the printer on "
                       f"floor {index % 7} jams on every second page.</p>",
        TEAM_FIELD: fx["team"],
        "partner_id": partner,
        "priority": priorities[index % len(priorities)],
    }
    if populate:
        vals["stage_id"] = fx["stages"][index % len(fx["stages"])]
        if index % 4 != 3:
            agent = fx["agents"][index % len(fx["agents"])]
            if KIND == "floor":
                vals["user_ids"] = [Command.set([agent])]
            else:
                vals["user_id"] = agent
    return vals


def fields_spec(Model, node, spec):
    """What the web client reads for the <field> nodes under ``node``."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag != "field":
            fields_spec(Model, child, spec)
            continue
        field = Model._fields.get(child.get("name"))
        if field is None:
            continue
        sub = {}
        if field.type == "many2one":
            sub = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            comodel = Model.env[field.comodel_name]
            subspec = {}
            for view in child:
                if isinstance(view.tag, str) and view.tag in ("list", "kanban"):
                    fields_spec(comodel, view, subspec)
                    break
            if subspec:
                sub = {"fields": subspec, "limit": 40}
            else:
                sub = {"fields": {"display_name": {}}}
                if "color_field" in (child.get("options") or ""):
                    sub["fields"]["color"] = {}
        previous = spec.get(field.name)
        if not previous or len(json.dumps(sub)) > len(json.dumps(previous)):
            spec[field.name] = sub
    return spec


def web_calls(env, fx):
    menv = admin_env(env.cr)
    ctx = {"lang": menv.context.get("lang") or "en_US",
           "tz": menv.context.get("tz") or "UTC", "uid": menv.uid,
           "allowed_company_ids": [menv.company.id], "bin_size": True}

    def views(xmlid):
        action = menv.ref(xmlid)
        Model = menv[action.res_model]
        wanted = [[view_id or False, mode] for view_id, mode in action.views]
        result = Model.with_context(ctx).get_views(wanted, {"action_id": action.id})
        archs = {mode: etree.fromstring(view["arch"])
                 for mode, view in result["views"].items() if mode != "search"}
        return Model, archs

    def kw(model, method, **kwargs):
        kwargs.setdefault("context", ctx)
        return {"path": f"/web/dataset/call_kw/{model}/{method}",
                "params": {"model": model, "method": method, "args": [],
                           "kwargs": kwargs}}

    Ticket, archs = views(K["tickets_action"])
    domain = [[TEAM_FIELD, "=", fx["team"]]]
    kanban = archs["kanban"]
    group_by = kanban.get("default_group_by") or "stage_id"
    calls = {"kanban": [kw(
        Ticket._name, "web_read_group", domain=domain, groupby=[group_by],
        aggregates=[], order=kanban.get("default_order") or None,
        auto_unfold=True, opening_info=[],
        unfold_read_specification=fields_spec(Ticket, kanban, {}),
        unfold_read_default_limit=int(kanban.get("limit") or 40),
        groupby_read_specification={},
        context=dict(ctx, read_group_expand=True))]}
    bar = kanban.find(".//progressbar")
    if bar is not None:
        calls["kanban"].append(kw(
            Ticket._name, "read_progress_bar", domain=domain, group_by=group_by,
            progress_bar={"colors": json.loads(bar.get("colors") or "{}"),
                          "field": bar.get("field"), "help": bar.get("help")}))
    lst = archs["list"]
    calls["list"] = [kw(
        Ticket._name, "web_search_read", domain=domain,
        specification=fields_spec(Ticket, lst, {}), offset=0,
        limit=int(lst.get("limit") or 80), order=lst.get("default_order") or "",
        count_limit=10001)]
    form_spec = fields_spec(Ticket, archs["form"], {"display_name": {}})
    showcase = fx["showcase"]
    calls["form"] = [kw(Ticket._name, "web_read", specification=form_spec)]
    calls["form"][0]["params"]["args"] = [[showcase]]
    calls["chatter"] = [
        {"path": "/mail/data", "params": {"fetch_params": [["mail.thread", {
            "thread_model": Ticket._name, "thread_id": showcase,
            "request_list": ["activities", "attachments", "contact_fields",
                             "followers", "scheduledMessages",
                             "suggestedRecipients"]}]], "context": ctx}},
        {"path": "/mail/thread/messages", "params": {
            "thread_model": Ticket._name, "thread_id": showcase,
            "fetch_params": {"limit": 30}}},
    ]
    Team, team_archs = views(K["dashboard_action"])
    board = team_archs["kanban"]
    calls["dashboard"] = [kw(
        Team._name, "web_search_read", domain=[],
        specification=fields_spec(Team, board, {}), offset=0,
        limit=int(board.get("limit") or 40), order=board.get("default_order") or "",
        count_limit=10001)]
    for model, method in K.get("dashboard_calls", []):
        calls["dashboard"].append(kw(model, method))
    return calls


def op_setup(cr, args):
    env = api.Environment(cr, SUPERUSER_ID, {})
    ICP = env["ir.config_parameter"].sudo()
    saved = ICP.get_param("helpdesk_side_by_side.fixture")
    if saved:
        fixture = json.loads(saved)
    else:
        fixture = setup_records(env)
        ICP.set_param("helpdesk_side_by_side.fixture", json.dumps(fixture))
        cr.commit()
    env.invalidate_all()
    fixture["calls"] = web_calls(env, fixture)
    fixture["portal"] = K["portal"]
    fixture["model"] = K["ticket"]
    fixture["team_field"] = TEAM_FIELD
    fixture["tables"] = size_tables(env)
    fixture["admin_uid"] = env.ref("base.user_admin").id
    return fixture


def size_tables(env):
    tables = {env[K["ticket"]]._table, *K["satellites"]}
    for model in (K["ticket"], "mail.message"):
        for field in env[model]._fields.values():
            if field.type == "many2many" and field.store and field.relation:
                tables.add(field.relation)
    tables |= {"mail_message", "mail_followers", "mail_tracking_value",
               "mail_notification"}
    env.cr.execute("SELECT relname FROM pg_class WHERE relkind = 'r'"
                   " AND relname = ANY(%s)", [sorted(tables)])
    return sorted(row[0] for row in env.cr.fetchall())


def op_populate(cr, args):
    env = api.Environment(cr, SUPERUSER_ID, dict(QUIET))
    fx = args["fixture"]
    Model = env[K["ticket"]].with_context(active_test=False)
    start = Model.search_count([])
    began = time.perf_counter()
    batch = args["batch"]
    for first in range(start, args["target"], batch):
        indexes = range(first, min(first + batch, args["target"]))
        records = Model.create([
            ticket_vals(fx, index, customer=index % 10 == 0, populate=True)
            for index in indexes
        ])
        if KIND == "floor":  # the portal shows the tasks its customer follows
            records.filtered(lambda r: r.partner_id.id == fx["customer"]
                             ).message_subscribe(partner_ids=[fx["customer"]])
        cr.commit()
        env.invalidate_all()
    return {"seconds": time.perf_counter() - began,
            "added": max(args["target"] - start, 0),
            "total": Model.search_count([])}


def timed(cr, menv, work):
    menv.flush_all()
    cr.flush()
    queries = cr.sql_log_count
    began = time.perf_counter()
    work()
    menv.flush_all()
    cr.flush()  # runs the pre-commit hooks: tracking, queued mails
    return time.perf_counter() - began, cr.sql_log_count - queries


def op_create_batch(cr, args):
    menv = admin_env(cr)
    vals = [ticket_vals(args["fixture"], 900000 + i) for i in range(args["count"])]
    seconds, queries = timed(cr, menv, lambda: menv[K["ticket"]].create(vals))
    cr.rollback()
    return {"seconds": seconds, "queries": queries}


def op_create_single(cr, args):
    menv = admin_env(cr)
    Model = menv[K["ticket"]]

    def work():
        for index in range(args["count"]):
            Model.create([ticket_vals(args["fixture"], 800000 + index)])
            menv.flush_all()
            cr.flush()

    seconds, queries = timed(cr, menv, work)
    cr.rollback()
    return {"seconds": seconds, "queries": queries}


def op_bulk_close(cr, args):
    menv = admin_env(cr)
    fx = args["fixture"]
    close_stage = fx["close_vals"]["stage_id"]
    Model = menv[K["ticket"]]
    tickets = Model.search([(TEAM_FIELD, "=", fx["team"]),
                            ("stage_id", "in", fx["stages"][:3])],
                           limit=args["count"], order="id desc")
    menv.invalidate_all()
    seconds, queries = timed(
        cr, menv, lambda: tickets.write(dict(fx["close_vals"])))
    cr.rollback()
    return {"seconds": seconds, "queries": queries, "closed": len(tickets),
            "stage": close_stage}


def op_size_batch(cr, args):
    menv = admin_env(cr)
    vals = [ticket_vals(args["fixture"], 700000 + i) for i in range(args["count"])]
    menv[K["ticket"]].create(vals)
    menv.flush_all()
    cr.commit()
    return {"created": len(vals)}


OPS = {name[3:]: fn for name, fn in list(globals().items()) if name.startswith("op_")}
channel = os.fdopen(CONFIG["fd"], "r")
print(MARK_ + json.dumps({"ready": True}), flush=True)
for line in channel:
    command = json.loads(line)
    try:
        with registry.cursor() as cursor:
            answer = OPS[command["op"]](cursor, command)
    except Exception:
        answer = {"error": traceback.format_exc()}
    print(MARK_ + json.dumps(answer), flush=True)
'''


def _out(line=""):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


# --- OCA helpdesk_mgmt from PyPI, kept in the cache, never in the repository
def _oca_addons():
    """Download helpdesk_mgmt 19.0 (and the OCA addons it needs) from PyPI and
    unpack the addons in CACHE/oca/addons; return that directory."""
    root = bs.CACHE / "oca"
    wheels, addons = root / "wheels", root / "addons"
    wheels.mkdir(parents=True, exist_ok=True)
    addons.mkdir(exist_ok=True)
    core = _core_addons()
    wanted, seen = ["helpdesk_mgmt"], set()
    while wanted:
        name = wanted.pop()
        if name in seen or name in core:
            continue
        seen.add(name)
        if not (addons / name / "__manifest__.py").is_file():
            _download_oca_addon(name, wheels, addons)
        manifest = _manifest(addons / name / "__manifest__.py")
        wanted.extend(manifest.get("depends", []))
    return addons


def _core_addons():
    env_src = bs.find_odoo()[0]
    names = set()
    for folder in (env_src / "addons", env_src / "odoo" / "addons"):
        names.update(p.parent.name for p in folder.glob("*/__manifest__.py"))
    return names


def _manifest(path):
    import ast

    return ast.literal_eval(path.read_text())


def _download_oca_addon(name, wheels, addons):
    package = "odoo-addon-" + name.replace("_", "-")
    spec = OCA_SPEC if name == "helpdesk_mgmt" else f"{package}>=19.0,<19.1"
    bs.step(f"pip download --no-deps {spec} (OCA, into {wheels})")
    python = bs.CACHE / "venv" / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            "--disable-pip-version-check",
            "-d",
            str(wheels),
            spec,
        ],
        check=True,
    )
    prefix = f"odoo_addon_{name}-19.0"
    wheel = max(wheels.glob(f"{prefix}*.whl"), key=lambda p: p.stat().st_mtime)
    inside = f"odoo/addons/{name}/"
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.startswith(inside) and not member.endswith("/"):
                target = addons / name / member[len(inside) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    if not (addons / name / "__manifest__.py").is_file():
        raise bs.BootstrapError(f"{wheel.name} holds no addon {name}")


# --- the shell workers
class Worker:
    """An ``odoo-bin shell`` on one database that runs the ORM measurements."""

    def __init__(self, env, conf, db, kind, logdir):
        self.db, self.kind = db, kind
        read_end, self._write_end = os.pipe()
        config = {
            "kind": kind,
            "fd": read_end,
            "admin_password": ADMIN_PASSWORD,
            "portal_login": PORTAL_LOGIN,
            "portal_password": PORTAL_PASSWORD,
        }
        prelude = (
            "import json\n"
            f"CONFIG = json.loads({json.dumps(config)!r})\n"
            f"MARK_ = {MARK!r}\n"
        )
        self.log = Path(logdir) / f"worker-{kind}.log"
        self.proc = subprocess.Popen(
            env.odoo_cmd(
                conf, "-d", db, "--no-http", f"--logfile={self.log}", command="shell"
            ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            pass_fds=(read_end,),
        )
        os.close(read_end)
        self.proc.stdin.write(prelude + WORKER)
        self.proc.stdin.close()
        self.channel = os.fdopen(self._write_end, "w")
        self._answer()

    def _answer(self):
        for line in self.proc.stdout:
            if line.startswith(MARK):
                answer = json.loads(line[len(MARK) :])
                if "error" in answer:
                    raise bs.BootstrapError(
                        f"{LABELS[self.kind]} worker failed:\n{answer['error']}"
                    )
                return answer
        raise bs.BootstrapError(
            f"the {LABELS[self.kind]} shell worker stopped; see {self.log}"
        )

    def call(self, op, **args):
        self.channel.write(json.dumps({"op": op, **args}) + "\n")
        self.channel.flush()
        return self._answer()

    def close(self):
        with contextlib.suppress(OSError):
            self.channel.close()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.terminate()
            self.proc.wait(timeout=30)


# --- servers and HTTP clients
class Server:
    def __init__(self, env, conf, db, workers, logdir, label):
        self.db = db
        self.port = bs._free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.logfile = Path(logdir) / f"server-{label}-{workers}w.log"
        self.logfile.write_text("")
        self.proc = subprocess.Popen(
            env.odoo_cmd(
                conf,
                "-d",
                db,
                f"--http-port={self.port}",
                f"--gevent-port={bs._free_port()}",
                f"--workers={workers}",
                "--max-cron-threads=0",
                f"--logfile={self.logfile}",
                "--log-level=info",
                "--log-handler=odoo.addons.rpc.controllers.xmlrpc:ERROR",
                f"--db-filter=^{db}$",
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_up(self, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise bs.BootstrapError(
                    f"the Odoo server stopped while starting; see {self.logfile}"
                )
            try:
                urllib.request.urlopen(f"{self.base}/web/login", timeout=10).read()
                return self
            except OSError:
                time.sleep(0.5)
        raise bs.BootstrapError("the Odoo server did not start in time")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)

    def session(self, login, password):
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        result = _post(
            opener,
            f"{self.base}/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        if not result.get("uid"):
            raise bs.BootstrapError(f"{login} could not sign in on {self.db}")
        return opener

    def measure(self, request, paths):
        """Run ``request()``; return (server ms, queries) summed over the request
        log lines of ``paths`` (one line each, in any order)."""
        offset = self.logfile.stat().st_size
        request()
        wanted = list(paths)
        found = []
        buffer = ""
        for _attempt in range(200):
            with open(self.logfile, errors="replace") as log:
                log.seek(offset)
                chunk = log.read()
            offset += len(chunk.encode())
            buffer += chunk
            lines = buffer.split("\n")
            buffer = lines.pop()
            for line in lines:
                match = REQUEST_LINE.search(line)
                path = re.split(r"[?#]", match["path"])[0] if match else None
                if path in wanted:
                    if match["status"] != "200":
                        raise bs.BootstrapError(f"{line.strip()}")
                    wanted.remove(path)
                    found.append(match)
            if not wanted:
                break
            time.sleep(0.025)
        if wanted:
            raise bs.BootstrapError(f"no request log line for {wanted}")
        ms = sum((float(m["sql"]) + float(m["python"])) * 1000 for m in found)
        return ms, sum(int(m["queries"]) for m in found)


def _post(opener, url, params):
    request = urllib.request.Request(
        url,
        data=json.dumps(
            {"jsonrpc": "2.0", "method": "call", "params": params}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=600) as response:
        result = json.loads(response.read())
    if "error" in result:
        error = result["error"].get("data", {}).get("message") or result["error"]
        raise bs.BootstrapError(f"{url}: {error}")
    return result.get("result") or {}


def _get(opener, url):
    with opener.open(url, timeout=600) as response:
        response.read()
        if response.status != 200 or response.geturl().rstrip("/").endswith("/login"):
            raise bs.BootstrapError(f"{url} answered {response.status}")


def _xmlrpc_create(base, db, fixture, index, proxy=None):
    proxy = proxy or xmlrpc.client.ServerProxy(f"{base}/xmlrpc/2/object")
    vals = {
        "name": f"XML-RPC ticket {index}",
        "description": f"<p>Created over XML-RPC, call {index}.</p>",
        fixture["team_field"]: fixture["team"],
        "partner_id": fixture["others"][index % len(fixture["others"])],
    }
    return proxy.execute_kw(
        db, fixture["admin_uid"], ADMIN_PASSWORD, fixture["model"], "create", [vals]
    )


# --- one database under test
class Subject:
    def __init__(self, kind, db, env, conf, logdir):
        self.kind, self.db, self.env, self.conf = kind, db, env, conf
        self.logdir = logdir
        self.worker = Worker(env, conf, db, kind, logdir)
        self.fixture = self.worker.call("setup")
        self.server = None
        self.calls = 0

    def populate(self, target, batch):
        return self.worker.call(
            "populate", fixture=self.fixture, target=target, batch=batch
        )

    def size_per_ticket(self, count):
        """Bytes per ticket, by table, of ``count`` more tickets: live rows and
        indexes (both sides compacted by VACUUM FULL), and the growth before any
        vacuum (with the row versions the creation left behind)."""
        tables = ",".join(f'"{name}"' for name in self.fixture["tables"])
        self.env.pg.psql(f"VACUUM FULL {tables}", dbname=self.db)
        before = self._size()
        self.worker.call("size_batch", fixture=self.fixture, count=count)
        grown = self._size()
        self.env.pg.psql(f"VACUUM FULL ANALYZE {tables}", dbname=self.db)
        live = self._size()
        return tuple(
            {name: (after[name] - before.get(name, 0)) / count for name in after}
            for after in (live, grown)
        )

    def _size(self):
        """Bytes of each table with its indexes and TOAST."""
        names = ",".join(f"'{name}'" for name in self.fixture["tables"])
        rows = self.env.pg.psql(
            "SELECT relname, pg_total_relation_size(oid) FROM pg_class"
            f" WHERE relkind = 'r' AND relname IN ({names})",
            dbname=self.db,
        )
        return {
            name: int(size)
            for name, size in (row.split("|") for row in rows.splitlines() if row)
        }

    def start(self, workers):
        self.server = Server(
            self.env, self.conf, self.db, workers, self.logdir, self.kind
        )
        return self.server

    def sign_in(self):
        self.admin = self.server.session("admin", ADMIN_PASSWORD)
        self.portal = self.server.session(PORTAL_LOGIN, PORTAL_PASSWORD)

    def stop(self):
        if self.server:
            self.server.stop()
            self.server = None

    def close(self):
        self.stop()
        self.worker.close()

    # the measurements of one round: {name: (value, queries)}
    def round(self, args, warm_up=False):
        scale = 50 if warm_up else 1
        batch = max(args.batch // scale, 1)
        single = max(args.single // scale, 1)
        calls = 2 if warm_up else args.calls
        fx = self.fixture
        result = {}
        res = self.worker.call("create_batch", fixture=fx, count=batch)
        result["batch"] = (res["seconds"] * 1000 / batch, res["queries"] / batch)
        res = self.worker.call("create_single", fixture=fx, count=single)
        result["single"] = (res["seconds"] * 1000 / single, res["queries"] / single)
        server = self.server
        proxy = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
        samples = []
        for _index in range(calls):
            self.calls += 1
            samples.append(
                server.measure(
                    lambda: _xmlrpc_create(server.base, self.db, fx, self.calls, proxy),
                    ["/xmlrpc/2/object"],
                )
            )
        result["xmlrpc"] = (
            statistics.median(s[0] for s in samples),
            statistics.median(s[1] for s in samples),
        )
        for screen in ("kanban", "list", "form", "chatter", "dashboard"):
            screen_calls = fx["calls"][screen]
            result[screen] = server.measure(
                lambda screen_calls=screen_calls: [
                    _post(self.admin, server.base + call["path"], call["params"])
                    for call in screen_calls
                ],
                [call["path"] for call in screen_calls],
            )
        result["form"] = tuple(
            a + b for a, b in zip(result["form"], result["chatter"], strict=True)
        )
        result["portal"] = server.measure(
            lambda: _get(self.portal, server.base + fx["portal"]), [fx["portal"]]
        )
        res = self.worker.call("bulk_close", fixture=fx, count=batch)
        result["close"] = (res["seconds"] * 1000, res["queries"])
        return result


# --- throughput against a 4-worker server
def _throughput(subject, what, clients, per_client, warm_up):
    server = subject.server
    fx = subject.fixture
    sessions = [
        server.session(PORTAL_LOGIN, PORTAL_PASSWORD) if what == "portal" else None
        for _index in range(max(clients, 4))
    ]
    counter = iter(range(10**9))
    lock = threading.Lock()

    def one(client):
        if what == "portal":
            _get(sessions[client], server.base + fx["portal"])
        else:
            with lock:
                index = 500000 + next(counter) + subject.calls * 1000
            _xmlrpc_create(server.base, subject.db, fx, index)

    def run(requests, clients=clients):
        barrier = threading.Barrier(clients)

        def client(number):
            barrier.wait(timeout=120)
            for _index in range(requests):
                one(number)

        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            began = time.perf_counter()
            list(pool.map(client, range(clients)))
            return time.perf_counter() - began

    if warm_up:  # 4 clients at once: every worker process loads its caches
        run(3, clients=4)
    elapsed = run(per_client)
    return clients * per_client / elapsed


# --- report
ROWS = (
    # key, label, unit, target ratio to OCA (None: no target)
    ("batch", "ORM create, one batch", "ms/ticket", 1.0),
    ("single", "ORM create, one by one", "ms/ticket", 1.2),
    ("xmlrpc", "XML-RPC create", "ms/call", 1.2),
    ("kanban", "kanban (tickets by stage)", "ms", 1.0),
    ("list", "list (first 80 tickets)", "ms", 1.0),
    ("form", "form (record + chatter)", "ms", 1.0),
    ("chatter", "  of which chatter", "ms", None),
    ("dashboard", "team dashboard", "ms", 1.0),
    ("portal", "portal ticket list", "ms", 0.7),
    ("close", "bulk close (one write)", "ms total", None),
    ("size", "size per ticket", "KiB", 2.0),
    ("grown", "  growth before vacuum", "KiB", None),
)


def _ratio(ours, other):
    return ours / other if other else float("nan")


def _report(size, medians, runs, batch, single):
    _out()
    _out(
        f"{size:,} tickets ({size // 10:,} of them the portal customer's); medians "
        f"of {runs} interleaved runs; batch {batch}, one by one {single}"
    )
    head = (
        f"{'measurement':<27}{'unit':<10}{'ours':>9}{'OCA':>9}{'floor':>9}"
        f"{'ours/OCA':>10}{'target':>8}{'':>5}{'ours/floor':>11}"
        f"   queries ours / OCA / floor"
    )
    _out(head)
    _out("-" * len(head))
    for key, label, unit, target in ROWS:
        values = [medians[kind][key] for kind in FLAVORS]
        ours, oca, floor = (value[0] for value in values)
        ratio = _ratio(ours, oca)
        verdict = ""
        if target is not None:
            verdict = "ok" if ratio <= target else "OVER"
        queries = (
            " / ".join(_fmt_queries(value[1]) for value in values)
            if values[0][1] is not None
            else "-"
        )
        _out(
            f"{label:<27}{unit:<10}{ours:>9.2f}{oca:>9.2f}{floor:>9.2f}"
            f"{ratio:>10.2f}{(f'<={target:.1f}' if target else '-'):>8}"
            f"{verdict:>5}{_ratio(ours, floor):>11.2f}   {queries}"
        )


def _report_sizes(sizes):
    _out("size per ticket by table, live (bytes; tables under 3% left out):")
    for kind, tables in sizes.items():
        total = sum(tables.values()) or 1
        parts = ", ".join(
            f"{name} {value:.0f}"
            for name, value in sorted(tables.items(), key=lambda item: -item[1])
            if value >= 0.03 * total
        )
        _out(f"  {LABELS[kind]:<6} {parts}")


def _fmt_queries(value):
    return f"{value:.1f}" if value != int(value) else f"{int(value)}"


def _report_throughput(size, table, per_client, runs):
    _out()
    _out(
        f"{size:,} tickets: throughput against a 4-worker server, requests/s, "
        f"medians of {runs} rounds of {per_client} requests per client"
    )
    head = f"{'':<22}{'':<7}{'1 client':>10}{'2 clients':>11}{'4 clients':>11}"
    _out(head)
    _out("-" * len(head))
    for what, label in (("xmlrpc", "XML-RPC create"), ("portal", "portal ticket list")):
        for kind in FLAVORS:
            figures = "".join(
                f"{table[what][kind][clients]:>{10 if clients == 1 else 11}.1f}"
                for clients in (1, 2, 4)
            )
            _out(f"{label:<22}{LABELS[kind]:<7}{figures}")
            label = ""


def _median_of(rounds):
    keys = rounds[0].keys()
    return {
        key: (
            statistics.median(r[key][0] for r in rounds),
            statistics.median(r[key][1] for r in rounds),
        )
        for key in keys
    }


def _fill(subjects, size, args, timings):
    """Fill every database up to ``size`` tickets; return the size per ticket."""
    for kind, subject in subjects.items():
        bs.step(f"{LABELS[kind]}: filling up to {size:,} tickets")
        res = subject.populate(size, 1000)
        timings.append((kind, size, res["added"], res["seconds"]))
        bs.step(
            f"{LABELS[kind]}: {res['added']:,} tickets added in "
            f"{res['seconds']:.0f} s ({res['total']:,} in all)"
        )
        subject.env.pg.psql("ANALYZE", dbname=subject.db)
    sizes = {}
    for kind, subject in subjects.items():
        bs.step(f"{LABELS[kind]}: size of {args.batch} more tickets")
        sizes[kind] = subject.size_per_ticket(args.batch)
    return sizes


@contextlib.contextmanager
def _servers(subjects, workers):
    for subject in subjects.values():
        subject.start(workers)
    try:
        for subject in subjects.values():
            subject.server.wait_up()
        yield
    finally:
        for subject in subjects.values():
            subject.stop()


def _rounds(subjects, args):
    """The interleaved rounds against threaded servers; return the medians."""
    rounds = {kind: [] for kind in subjects}
    with _servers(subjects, 0):
        for subject in subjects.values():
            subject.sign_in()
        bs.step("warm-up round")
        for subject in subjects.values():
            subject.round(args, warm_up=True)
        for number in range(1, args.runs + 1):
            for kind, subject in subjects.items():
                bs.step(f"run {number}/{args.runs}: {LABELS[kind]}")
                rounds[kind].append(subject.round(args))
    return {kind: _median_of(rounds[kind]) for kind in subjects}


def _throughputs(subjects, args):
    """Requests/s against 4-worker servers: medians of ``--tp-runs`` rounds."""
    samples = {
        what: {kind: {clients: [] for clients in (1, 2, 4)} for kind in subjects}
        for what in ("xmlrpc", "portal")
    }
    with _servers(subjects, 4):
        for number in range(1, args.tp_runs + 1):
            bs.step(f"throughput round {number}/{args.tp_runs}")
            for clients in (1, 2, 4):
                for what, kinds in samples.items():
                    for kind, subject in subjects.items():
                        kinds[kind][clients].append(
                            _throughput(
                                subject,
                                what,
                                clients,
                                args.per_client,
                                warm_up=number == 1 and clients == 1,
                            )
                        )
    return {
        what: {
            kind: {clients: statistics.median(values) for clients, values in by.items()}
            for kind, by in kinds.items()
        }
        for what, kinds in samples.items()
    }


def _measure_size(subjects, size, args, timings):
    sizes = _fill(subjects, size, args, timings)
    medians = _rounds(subjects, args)
    for kind in subjects:
        live, grown = sizes[kind]
        medians[kind]["size"] = (sum(live.values()) / 1024, None)
        medians[kind]["grown"] = (sum(grown.values()) / 1024, None)
    _report(size, medians, args.runs, args.batch, args.single)
    _report_sizes({kind: sizes[kind][0] for kind in sizes})
    if not args.no_throughput:
        _report_throughput(
            size, _throughputs(subjects, args), args.per_client, args.tp_runs
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10000,100000,300000",
        help="ticket counts, comma-separated, increasing (default %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000, help="batch create/close")
    parser.add_argument("--single", type=int, default=100, help="one-by-one creates")
    parser.add_argument("--calls", type=int, default=10, help="XML-RPC creates a run")
    parser.add_argument(
        "--per-client", type=int, default=20, help="throughput requests per client"
    )
    parser.add_argument(
        "--tp-runs", type=int, default=3, help="throughput rounds (default 3)"
    )
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument(
        "--ours-addons",
        default=str(bs.REPO),
        help="folder holding our addons (default: this repository)",
    )
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="use the databases kept by an earlier --keep-db run (implies --keep-db)",
    )
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    keep = args.keep_db or args.reuse_db
    started = time.monotonic()
    with bs.friendly_errors():
        env = bs.bootstrap()
        oca_path = _oca_addons()
        core_path = f"{env.src / 'addons'},{env.src / 'odoo' / 'addons'}"
        paths = {
            "ours": f"{core_path},{Path(args.ours_addons).resolve()}",
            "oca": f"{core_path},{oca_path}",
            "floor": core_path,
        }
        smtp_port = bs._free_port()  # nothing listens there: no mail leaves
        timings = []
        logdir = tempfile.mkdtemp(prefix="hd-sbs-")
        bs.step(f"server and worker logs in {logdir} (removed after a clean run)")
        with contextlib.ExitStack() as stack:
            subjects = {}
            for kind in FLAVORS:
                db = f"helpdesk_sbs_{kind}"
                began = time.monotonic()
                db_env, conf = stack.enter_context(
                    scratch_database(
                        db,
                        ADDONS[kind],
                        {
                            "addons_path": paths[kind],
                            "log_level": "warn",
                            "smtp_server": "127.0.0.1",
                            "smtp_port": str(smtp_port),
                        },
                        keep=keep,
                        reuse=args.reuse_db,
                    )
                )
                subject = Subject(kind, db, db_env, conf, logdir)
                stack.callback(subject.close)
                subjects[kind] = subject
                timings.append((kind, "install", 0, time.monotonic() - began))
            for size in sizes:
                _measure_size(subjects, size, args, timings)
            _out()
            _out("building the databases:")
            for kind, size, added, seconds in timings:
                if size == "install":
                    _out(f"  {LABELS[kind]:<6} install and set-up {seconds:8.0f} s")
                else:
                    rate = seconds * 1000 / added if added else 0.0
                    _out(
                        f"  {LABELS[kind]:<6} fill to {size:>7,}: {added:>7,} tickets "
                        f"in {seconds:6.0f} s ({rate:.1f} ms/ticket)"
                    )
            _out(f"total {time.monotonic() - started:.0f} s")
        shutil.rmtree(logdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
