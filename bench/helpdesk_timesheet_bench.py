#!/usr/bin/env python3
# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of helpdesk_timesheet against Odoo's project.task (the floor).

Target: logging a timesheet on a ticket with a sales line, and reading the ticket
form, at 100k tickets / 1M timesheet lines, within 1.5x of the same operation on a
project.task in the same database.

Builds a scratch database with rpc, helpdesk_base, helpdesk_sla, helpdesk_portal and
helpdesk_timesheet, then in an ``odoo-bin shell``:

- through the ORM: agents (helpdesk agent, timesheets "own lines", salesman) with
  their employees, ``--customers`` companies each with a confirmed prepaid sales
  order (a "prepaid/fixed price" service of 1,000,000 hours, or ten times
  ``--lines`` / ``--customers``: no line runs low or out), a team with
  timesheets and time billing on (its project is created and made billable), a
  billable project with stages for the tasks; then, as the first agent, the
  measured ticket and task of the first customer, both billed to its sales line,
  with 10 timesheet lines each;
- in SQL (INSERT ... SELECT generate_series, every column copied from those
  ORM-made rows): the other tickets and as many tasks (``--tickets``), spread over
  the customers, each on its customer's sales line, and ``--lines`` timesheet lines
  in all, half on the tickets and half on the tasks (5 a ticket and 5 a task by
  default), by the agents in turn; then the stored totals of the
  tickets and tasks from sums (SQL), the delivered and remaining hours of the sales
  lines (ORM recompute), ANALYZE.

Then, as the agent, interleaved (ticket, task, ticket, task...) after ``--warm-up``
rounds, ``--runs`` times, each run from a cold record cache (``invalidate_all``)
inside a savepoint that is rolled back (nothing is committed):

- log a timesheet: ``account.analytic.line.create`` of half an hour on the ticket
  (``helpdesk_ticket_id``) / on the task (``task_id``, ``project_id``), then
  ``cr.flush()`` (every pending write and the pre-commit hooks, as a request's
  commit);
- form read: ``web_read`` of the ticket / task with the specification the web client
  builds from each model's form view as the agent gets it (``get_views``).

Prints the medians, the ratio ours/floor with its target (<= 1.5), the queries of
each and PASS/FAIL; exits 1 when a ratio is over its target. ``--queries`` also
lists the queries of one run of each operation, with the code that ran them. The
database is dropped at the end unless ``--keep-db``; ``--reuse-db`` measures a kept
database again (after updating helpdesk_timesheet: the working tree's code).

Usage: python3 bench/helpdesk_timesheet_bench.py [--tickets N] [--lines N]
       [--customers N] [--runs N] [--warm-up N] [--queries] [--db NAME]
       [--keep-db | --reuse-db]
"""

import argparse
import json
import subprocess
import sys
import time

from _common import bs, scratch_database

DB = "bench_ts_helpdesk_timesheet"
ADDONS = (
    "rpc",
    "helpdesk_base",
    "helpdesk_sla",
    "helpdesk_portal",
    "helpdesk_timesheet",
)
TARGET = 1.5
MARK = "TSBENCH "
STEP = "TSBENCH-STEP "

# Runs inside ``odoo-bin shell`` (``env``: superuser), after a prelude that defines
# CONFIG (the options) and the two markers.
SCRIPT = r'''
import ast
import threading
import time
import traceback

from lxml import etree

from odoo import api
from odoo.fields import Command
from odoo.tools import SQL
from odoo.tools.misc import real_time

QUIET = dict(tracking_disable=True, mail_create_nolog=True,
             mail_create_nosubscribe=True, mail_notrack=True,
             no_reset_password=True)
FIXTURE_KEY = "helpdesk_timesheet_bench.fixture"
AGENTS = 5
MEASURED_LINES = 10
HOURLY_COST = 50.0
X2M = ("one2many", "many2many")
cr = env.cr
began = time.monotonic()


def step(message):
    print(f"{STEP_}{message} ({time.monotonic() - began:.0f} s)", flush=True)


def columns_of(table):
    cr.execute(SQL(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name = %s"
        " AND column_name != 'id' ORDER BY ordinal_position", table))
    return cr.fetchall()


def copy_rows(table, template_id, count, overrides, joins=SQL(""), returning=None):
    """INSERT ``count`` copies (g = 0 .. count-1) of the row ``template_id`` of
    ``table`` (alias t): every column copied, but ``overrides`` {column: SQL};
    timestamps and dates moved back by 0-729 days."""
    exprs = []
    names = []
    for name, data_type in columns_of(table):
        names.append(SQL.identifier(name))
        if name in overrides:
            exprs.append(overrides[name])
        elif data_type.startswith("timestamp") or data_type == "date":
            exprs.append(SQL("(t.%s - make_interval(days => (g %% 730)::int))::%s",
                             SQL.identifier(name), SQL(data_type)))
        else:
            exprs.append(SQL("t.%s", SQL.identifier(name)))
    query = SQL(
        "INSERT INTO %s (%s) SELECT %s FROM generate_series(0, %s) AS g"
        " JOIN %s t ON t.id = %s %s",
        SQL.identifier(table), SQL(", ").join(names), SQL(", ").join(exprs),
        count - 1, SQL.identifier(table), template_id, joins)
    if returning:
        query = SQL("%s RETURNING %s", query, returning)
    cr.execute(query)
    return cr.fetchall() if returning else None


def user_env(user):
    context = dict(env["res.users"].browse(user.id).context_get())
    context["allowed_company_ids"] = [user.company_id.id]
    return api.Environment(cr, user.id, context)


def populate():
    count = CONFIG["tickets"]
    lines = CONFIG["lines"]
    customers_count = max(1, min(CONFIG["customers"], count))
    qenv = env(context=dict(env.context, **QUIET))
    company = qenv.company
    step("agents, customers, prepaid sales orders, team, project")
    groups = [qenv.ref(xmlid).id for xmlid in (
        "helpdesk_base.helpdesk_base_group_user",
        "hr_timesheet.group_hr_timesheet_user",
        "sales_team.group_sale_salesman",
        "project.group_project_user",
    )]
    agents = qenv["res.users"].create([{
        "name": f"Bench Agent {index}", "login": f"bench_ts_agent_{index}",
        "email": f"agent{index}@bench.example.com",
        "group_ids": [Command.set(groups)],
    } for index in range(AGENTS)])
    employees = qenv["hr.employee"].create([{
        "name": agent.name, "user_id": agent.id, "hourly_cost": HOURLY_COST,
    } for agent in agents])
    customers = qenv["res.partner"].create([{
        "name": f"Bench Customer {index}", "is_company": True,
        "email": f"customer{index}@bench.example.com",
    } for index in range(customers_count)])
    product = qenv["product.product"].create({
        "name": "Bench support pack (hours)", "type": "service",
        "service_policy": "ordered_prepaid",
        "uom_id": qenv.ref("uom.product_uom_hour").id, "list_price": 90.0,
    })
    # hours sold: far more than the lines of each customer use (at most 2 h a
    # line), so that no line runs low (its alert) or out (the next line)
    sold = max(1000000, 10 * lines // customers_count)
    orders = qenv["sale.order"].create([{
        "partner_id": customer.id, "user_id": agents[0].id,
        "order_line": [Command.create({"product_id": product.id,
                                       "product_uom_qty": sold})],
    } for customer in customers])
    orders.action_confirm()
    sale_lines = [order.order_line.id for order in orders]
    team = qenv["helpdesk.team"].create({
        "name": "Bench Support", "use_helpdesk_timesheet": True,
        "use_helpdesk_sale_timesheet": True,
        "member_ids": [Command.set(agents.ids)],
    })
    assert team.project_id.allow_billable, "the team's project is not billable"
    stages = qenv["project.task.type"].create([
        {"name": name, "sequence": sequence, "fold": fold}
        for sequence, (name, fold) in enumerate(
            [("New", False), ("In Progress", False), ("Waiting", False),
             ("Done", True), ("Cancelled", True)], start=1)
    ])
    project = qenv["project.project"].create({
        "name": "Bench Services", "company_id": company.id,
        "allow_timesheets": True, "allow_billable": True,
        "privacy_visibility": "employees", "type_ids": [Command.set(stages.ids)],
    })
    cr.commit()
    # statistics of the new rows, joined to the bulk rows below (and new plans
    # for the foreign key checks of the bulk rows)
    cr.execute(SQL("ANALYZE res_partner, res_users, hr_employee, sale_order,"
                   " sale_order_line"))

    step("the measured ticket and task, as the agent, with their timesheet lines")
    aenv = user_env(agents[0])
    ticket = aenv["helpdesk.ticket"].create({
        "name": "Bench ticket 0: the printer on floor 0 jams",
        "description": "<p>Since this morning the printer jams on every page.</p>",
        "team_id": team.id, "partner_id": customers[0].id,
        "user_id": agents[0].id,
    })
    assert ticket.sale_line_id.id == sale_lines[0], "the ticket has no sales line"
    task = aenv["project.task"].create({
        "name": "Bench task 0: the printer on floor 0 jams",
        "description": "<p>Since this morning the printer jams on every page.</p>",
        "project_id": project.id, "partner_id": customers[0].id,
        "sale_line_id": sale_lines[0], "user_ids": [Command.set(agents[:1].ids)],
    })
    Line = aenv["account.analytic.line"]
    for index in range(MEASURED_LINES):
        common = {"name": f"Work {index}", "unit_amount": 0.25 * (1 + index % 8)}
        Line.create({"helpdesk_ticket_id": ticket.id, **common})
        Line.create({"task_id": task.id, "project_id": project.id, **common})
    aenv.flush_all()
    cr.commit()
    assert len(ticket.timesheet_ids) == MEASURED_LINES
    assert ticket.timesheet_ids[:1].so_line.id == sale_lines[0]
    assert task.timesheet_ids[:1].so_line.id == sale_lines[0]

    bulk = count - 1
    array = SQL("%s::int[]", [customer.id for customer in customers])
    pick = SQL("[1 + g %% %s]", customers_count)
    ticket_columns = dict(columns_of("helpdesk_ticket"))
    step(f"{bulk} tickets (SQL)")
    refs = company._helpdesk_next_ticket_refs(bulk)
    overrides = {
        "name": SQL("'Bench ticket ' || (g + 1) || ': the printer on floor '"
                    " || (g %% 7) || ' jams'"),
        "ticket_ref": SQL("r.ref"),
        "partner_id": SQL("p.id"),
        "commercial_partner_id": SQL("p.commercial_partner_id"),
        "partner_name": SQL("p.name"),
        "partner_email": SQL("p.email"),
        "partner_phone": SQL("p.phone"),
        "sale_line_id": SQL("(%s::int[])%s", sale_lines, pick),
        "user_id": SQL("(%s::int[])[1 + g %% %s]", agents.ids, AGENTS),
        "access_token": SQL("NULL"),
        "total_hours_spent": SQL("0"),
    }
    overrides = {k: v for k, v in overrides.items() if k in ticket_columns}
    copy_rows("helpdesk_ticket", ticket.id, bulk, overrides, SQL(
        "JOIN res_partner p ON p.id = (%s)%s"
        " JOIN unnest(%s::varchar[]) WITH ORDINALITY AS r(ref, n) ON r.n = g + 1",
        array, pick, refs))
    step(f"{bulk} tasks (SQL)")
    task_columns = dict(columns_of("project_task"))
    overrides = {
        "name": SQL("'Bench task ' || (g + 1) || ': the printer on floor '"
                    " || (g %% 7) || ' jams'"),
        "partner_id": SQL("(%s)%s", array, pick),
        "sale_line_id": SQL("s.id"),
        "sale_order_id": SQL("s.order_id"),
        "access_token": SQL("NULL"),
        "effective_hours": SQL("0"),
        "total_hours_spent": SQL("0"),
    }
    overrides = {k: v for k, v in overrides.items() if k in task_columns}
    new_tasks = copy_rows(
        "project_task", task.id, bulk, overrides,
        SQL("JOIN sale_order_line s ON s.id = (%s::int[])%s", sale_lines, pick),
        returning=SQL("id"))
    # fresh statistics, and new plans for the foreign key checks of the rows
    # that point to them (a plan made while the table was tiny scans it whole)
    cr.execute(SQL("ANALYZE helpdesk_ticket, project_task"))
    cr.execute(SQL(
        "INSERT INTO project_task_user_rel (task_id, user_id)"
        " SELECT ids.id, (%s::int[])[1 + (ids.n %% %s)::int]"
        " FROM unnest(%s::int[]) WITH ORDINALITY AS ids(id, n)",
        agents.ids, AGENTS, [row[0] for row in new_tasks]))

    per_side = max(lines // 2 - MEASURED_LINES, 0)
    line_columns = dict(columns_of("account_analytic_line"))
    hours = SQL("(0.25 * (1 + g %% 8))")
    common = {
        "name": SQL("'Work ' || g"),
        "unit_amount": hours,
        "amount": SQL("-%s * %s", hours, HOURLY_COST),
        "user_id": SQL("(%s::int[])[1 + g %% %s]", agents.ids, AGENTS),
        "employee_id": SQL("(%s::int[])[1 + g %% %s]", employees.ids, AGENTS),
        "date": SQL("(r.create_date + make_interval(days => (g / %s)::int))::date",
                    max(bulk, 1)),
        "create_date": SQL("r.create_date + make_interval(days => (g / %s)::int)",
                           max(bulk, 1)),
        "write_date": SQL("r.create_date + make_interval(days => (g / %s)::int)",
                          max(bulk, 1)),
    }
    for label, template, record_field, table in (
        ("tickets", ticket.timesheet_ids[:1], "helpdesk_ticket_id", "helpdesk_ticket"),
        ("tasks", task.timesheet_ids[:1], "task_id", "project_task"),
    ):
        step(f"{per_side} timesheet lines on the {label} (SQL)")
        overrides = dict(common)
        overrides[record_field] = SQL("r.id")
        if label == "tickets":
            overrides.update(partner_id=SQL("r.commercial_partner_id"),
                             so_line=SQL("r.sale_line_id"), order_id=SQL("s.order_id"))
            measured = ticket.id
        else:
            overrides.update(partner_id=SQL("r.partner_id"),
                             so_line=SQL("r.sale_line_id"),
                             order_id=SQL("r.sale_order_id"))
            measured = task.id
        overrides = {k: v for k, v in overrides.items() if k in line_columns}
        cr.execute(SQL(
            "SELECT array_agg(id ORDER BY id) FROM %s WHERE id > %s",
            SQL.identifier(table), measured))
        records = cr.fetchone()[0] or []
        if not records or not per_side:
            continue
        copy_rows("account_analytic_line", template.id, per_side, overrides, SQL(
            "JOIN %s r ON r.id = (%s::int[])[1 + g %% %s]"
            " LEFT JOIN sale_order_line s ON s.id = r.sale_line_id",
            SQL.identifier(table), records, len(records)))

    step("stored totals of the tickets and tasks (SQL), of the sales lines (ORM)")
    cr.execute(SQL(
        "UPDATE helpdesk_ticket t SET total_hours_spent = s.hours"
        " FROM (SELECT helpdesk_ticket_id AS id, sum(unit_amount) AS hours"
        " FROM account_analytic_line WHERE helpdesk_ticket_id IS NOT NULL"
        " GROUP BY helpdesk_ticket_id) s WHERE t.id = s.id"))
    cr.execute(SQL(
        "UPDATE project_task t SET effective_hours = s.hours,"
        " total_hours_spent = s.hours + coalesce(t.subtask_effective_hours, 0),"
        " remaining_hours = CASE WHEN coalesce(t.allocated_hours, 0) = 0 THEN 0"
        " ELSE t.allocated_hours - s.hours - coalesce(t.subtask_effective_hours, 0)"
        " END"
        " FROM (SELECT task_id AS id, sum(unit_amount) AS hours"
        " FROM account_analytic_line WHERE task_id IS NOT NULL"
        " GROUP BY task_id) s WHERE t.id = s.id"))
    cr.execute(SQL(
        "SELECT DISTINCT ON (so_line) id FROM account_analytic_line"
        " WHERE so_line = ANY(%s) ORDER BY so_line, id", sale_lines))
    qenv.invalidate_all()
    qenv["account.analytic.line"].browse([row[0] for row in cr.fetchall()]).modified(
        ["unit_amount", "so_line"])
    qenv.flush_all()
    cr.execute(SQL(
        "SELECT count(*) FROM sale_order_line l WHERE l.id = ANY(%s) AND"
        " round(l.qty_delivered::numeric, 2) != round(coalesce((SELECT"
        " sum(a.unit_amount) FROM account_analytic_line a WHERE a.so_line = l.id),"
        " 0)::numeric, 2)", sale_lines))
    wrong = cr.fetchone()[0]
    assert not wrong, f"{wrong} sales lines with a wrong delivered quantity"
    cr.commit()
    step("ANALYZE")
    cr.execute(SQL(
        "ANALYZE helpdesk_ticket, project_task, project_task_user_rel,"
        " account_analytic_line, sale_order_line"))
    fixture = {
        "ticket": ticket.id, "task": task.id, "project": project.id,
        "agent": agents[0].id, "sale_line": sale_lines[0],
        "customers": customers_count,
        "fill_seconds": round(time.monotonic() - began),
    }
    env["ir.config_parameter"].sudo().set_param(FIXTURE_KEY, json.dumps(fixture))
    cr.commit()
    return fixture


# --- the specification of web_read, as the web client builds it from a form view
# (web/static/src/views/fields/field.js parseFieldNode, model/relational_model/
# utils.js extractFieldsFromArchInfo and getFieldsSpec, form_controller.js)
TAG_WIDGETS = ("many2many_tags", "many2many_tags_avatar", "many2many_avatar_user",
               "many2many_avatar_employee", "many2many_tags_email")
# fieldDependencies of the widgets of these forms
WIDGET_DEPENDENCIES = {
    "statusbar_duration": [("duration_tracking", "json")],
    "rotting_statusbar_duration": [("duration_tracking", "json")],
    "helpdesk_timer_clock": [("timer_elapsed_seconds", "integer")],
    "project_task_state_selection": [("project_id", "many2one")],
    "name_with_subtask_count": [("subtask_count", "integer"),
                                ("closed_subtask_count", "integer")],
    "list_activity": [("activity_exception_decoration", "selection"),
                      ("activity_exception_icon", "char"),
                      ("activity_state", "selection"),
                      ("activity_summary", "char"),
                      ("activity_type_icon", "char"),
                      ("activity_type_id", "many2one")],
}


def modifier(value):
    if value in (None, "", "0", "False", "false"):
        return "False"
    if value in ("1", "True", "true"):
        return "True"
    return value


def combine(first, second, operator):
    first, second = modifier(first), modifier(second)
    if operator == "AND":
        if "False" in (first, second):
            return "False"
        return second if first == "True" else first if second == "True" else "expr"
    if "True" in (first, second):
        return "True"
    return second if first == "False" else first if second == "False" else "expr"


def literal(text):
    try:
        return ast.literal_eval(text) if text else {}
    except (ValueError, SyntaxError):
        return {}


def partial_context(text):
    """evalPartialContext without a record: the keys whose values are literals."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return {}
    if not isinstance(tree, ast.Dict):
        return {}
    context = {}
    for key, value in zip(tree.keys, tree.values):
        try:
            context[ast.literal_eval(key)] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            continue
    return context


def level_nodes(node):
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "field":
            yield child
        else:
            yield from level_nodes(child)


def merge(active, name, patch):
    if name not in active:
        active[name] = patch
        return
    current = active[name]
    current["invisible"] = combine(current["invisible"], patch["invisible"], "AND")
    if patch.get("related") is not None:
        for sub, sub_patch in patch["related"].items():
            merge(current.setdefault("related", {}) or {}, sub, sub_patch)
    if patch.get("limit_set"):
        current["limit"], current["limit_set"] = patch["limit"], True
    if patch.get("order"):
        current["order"] = patch["order"]


def active_fields(node, model, models):
    fields = models.get(model, {}).get("fields", {})
    active = {}
    for field_node in level_nodes(node):
        name = field_node.get("name")
        info = fields.get(name)
        if not info:
            continue
        widget = field_node.get("widget")
        entry = {
            "type": info["type"], "info": info, "context": field_node.get("context"),
            "invisible": combine(field_node.get("invisible"),
                                 field_node.get("column_invisible"), "OR"),
            "related": {} if info["type"] in X2M else None,
            "limit": None, "limit_set": False, "order": None,
        }
        if info["type"] in X2M:
            views, mode = {}, None
            if widget in TAG_WIDGETS:
                related = {"display_name": leaf("char")}
                color = literal(field_node.get("options")).get("color_field")
                if color:
                    related[color] = leaf("integer")
                views["default"] = (related, None, None)
                mode = "default"
            for child in field_node:
                if isinstance(child.tag, str) and child.tag in ("list", "kanban",
                                                                 "form"):
                    views[child.tag] = (
                        active_fields(child, info["relation"], models),
                        int(child.get("limit") or 40), child.get("default_order"))
            attr = field_node.get("mode")
            if attr:
                mode = "list" if "," in attr else attr
            elif "list" in views:
                mode = "list"
            elif "kanban" in views:
                mode = "kanban"
            if mode in views:
                related, limit, order = views[mode]
                entry.update(related=dict(related), limit=limit, order=order,
                             limit_set=True)
                if "form" in views and mode != "form":
                    for sub, sub_entry in views["form"][0].items():
                        entry["related"].setdefault(sub, {**sub_entry,
                                                          "invisible": "True"})
                if mode != "default" and "default" in views:
                    for sub, sub_entry in views["default"][0].items():
                        merge(entry["related"], sub, sub_entry)
        merge(active, name, entry)
        for dependency, dependency_type in WIDGET_DEPENDENCIES.get(widget, []):
            merge(active, dependency, leaf(dependency_type, fields.get(dependency)))
    return active


def leaf(field_type, info=None):
    return {"type": field_type, "info": info or {}, "context": None,
            "invisible": "False", "related": {} if field_type in X2M else None,
            "limit": None, "limit_set": False, "order": None}


def spec_context(entry):
    raw = entry["context"]
    if not raw or raw.strip() == "{}":
        context = entry["info"].get("context") or {}
    else:
        context = partial_context(raw)
    return context or None


def fields_spec(active):
    spec = {}
    for name, entry in active.items():
        spec[name] = item = {}
        hidden = entry["invisible"] == "True"
        if entry["type"] in X2M:
            if not hidden:
                item["fields"] = fields_spec(entry["related"] or {})
                context = spec_context(entry)
                if context:
                    item["context"] = context
                if entry["limit"]:
                    item["limit"] = entry["limit"]
                if entry["order"]:
                    item["order"] = entry["order"]
        elif entry["type"] in ("many2one", "reference"):
            item["fields"] = {}
            if not hidden:
                item["fields"]["display_name"] = {}
                context = spec_context(entry)
                if context:
                    item["context"] = context
    for name, entry in active.items():
        definition = entry["info"].get("definition_record")
        if entry["type"] == "properties" and definition in spec:
            spec[definition].setdefault("fields", {})["display_name"] = {}
    return spec


def form_spec(model_env):
    views = model_env.get_views([(False, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])
    active = active_fields(arch, model_env._name, views["models"])
    merge(active, "display_name", leaf("char"))
    return fields_spec(active)


def count_fields(spec):
    return sum(1 + count_fields(item.get("fields", {})) for item in spec.values())


# --- the measurements
def where(stack):
    """The innermost frame of addon code (not the ORM) that ran a query."""
    for frame in stack:
        path = frame.filename
        if "/odoo/orm/" in path or path.endswith(("sql_db.py", "/odoo/api.py")):
            continue
        if "/addons/" in path or "/helpdesk_" in path:
            short = path.split("/addons/")[-1] if "/addons/" in path else (
                path[path.index("/helpdesk_") + 1:])
            return f"{short}:{frame.lineno} {frame.name}"
    return "?"


def run(operation, capture=None):
    """One run of ``operation`` from a cold record cache, in a savepoint rolled
    back afterwards: (seconds, queries)."""
    env.invalidate_all()
    cr.execute("SAVEPOINT bench_ts_run")
    thread = threading.current_thread()
    if capture is not None:
        def hook(_cr, query, _params, start, _depth):
            stack = traceback.StackSummary.extract(
                traceback.walk_stack(None), limit=60, lookup_lines=False)
            hooked = real_time()

            def done(delay):
                # the time of the query alone, not of this hook
                text = query.decode() if isinstance(query, bytes) else str(query)
                capture.append(((delay - (hooked - start)) * 1000,
                                " ".join(text.split())[:150], where(stack)))
            return done
        thread.query_hooks = (hook,)
    queries = cr.sql_log_count
    started = time.perf_counter()
    try:
        operation()
        cr.flush()
    finally:
        elapsed = time.perf_counter() - started
        queries = cr.sql_log_count - queries
        thread.query_hooks = ()
        cr.execute("ROLLBACK TO SAVEPOINT bench_ts_run")
        cr.clear()
        env.invalidate_all()
    return elapsed, queries


def measure(fx):
    agent = env["res.users"].browse(fx["agent"])
    aenv = user_env(agent)
    ticket = aenv["helpdesk.ticket"].browse(fx["ticket"])
    task = aenv["project.task"].browse(fx["task"])
    Line = aenv["account.analytic.line"]
    ticket_spec = form_spec(aenv["helpdesk.ticket"])
    task_spec = form_spec(aenv["project.task"])
    operations = {
        ("log", "ours"): lambda: Line.create({
            "helpdesk_ticket_id": ticket.id, "name": "Bench log",
            "unit_amount": 0.5}),
        ("log", "floor"): lambda: Line.create({
            "task_id": task.id, "project_id": fx["project"], "name": "Bench log",
            "unit_amount": 0.5}),
        ("read", "ours"): lambda: ticket.web_read(ticket_spec),
        ("read", "floor"): lambda: task.web_read(task_spec),
    }
    samples = {key: [] for key in operations}
    step(f"{CONFIG['warm_up']} warm-up rounds, {CONFIG['runs']} measured rounds")
    for number in range(CONFIG["warm_up"] + CONFIG["runs"]):
        for key, operation in operations.items():
            result = run(operation)
            if number >= CONFIG["warm_up"]:
                samples[key].append(result)
    queries = {}
    if CONFIG["queries"]:
        for key, operation in operations.items():
            queries["/".join(key)] = capture = []
            run(operation, capture)
    cr.execute(SQL(
        "SELECT (SELECT count(*) FROM helpdesk_ticket),"
        " (SELECT count(*) FROM project_task WHERE project_id = %s),"
        " (SELECT count(*) FROM account_analytic_line),"
        " (SELECT count(*) FROM account_analytic_line WHERE helpdesk_ticket_id"
        " IS NOT NULL), (SELECT count(*) FROM account_analytic_line WHERE task_id"
        " IS NOT NULL AND project_id = %s), (SELECT count(*) FROM account_analytic_line"
        " WHERE so_line = %s), (SELECT count(*) FROM account_analytic_line"
        " WHERE helpdesk_ticket_id = %s), (SELECT count(*) FROM"
        " account_analytic_line WHERE task_id = %s),"
        " (SELECT product_uom_qty FROM sale_order_line WHERE id = %s),"
        " (SELECT remaining_hours FROM sale_order_line WHERE id = %s)",
        fx["project"], fx["project"], fx["sale_line"], fx["ticket"], fx["task"],
        fx["sale_line"], fx["sale_line"]))
    names = ("tickets", "tasks", "lines", "ticket_lines", "task_lines",
             "sale_line_lines", "measured_ticket_lines", "measured_task_lines",
             "sale_line_sold", "sale_line_remaining")
    figures = dict(zip(names, cr.fetchone()))
    return {
        **fx, **figures,
        "runs": CONFIG["runs"], "warm_up": CONFIG["warm_up"],
        "agent_login": agent.login,
        "spec_fields": {"ours": count_fields(ticket_spec),
                        "floor": count_fields(task_spec)},
        "samples": {"/".join(key): value for key, value in samples.items()},
        "queries": queries,
    }


ICP = env["ir.config_parameter"].sudo()
saved = ICP.get_param(FIXTURE_KEY)
if saved:
    fixture = json.loads(saved)
    step("measuring the database filled by an earlier run")
else:
    fixture = populate()
    step(f"filled in {fixture['fill_seconds']} s")
print(MARK_ + json.dumps(measure(fixture)), flush=True)
cr.rollback()
'''


def _out(line=""):
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _median(samples, index):
    return sorted(sample[index] for sample in samples)[len(samples) // 2]


def _report(res):
    _out()
    _out(
        f"helpdesk_timesheet benchmark: {res['tickets']:,} tickets and "
        f"{res['tasks']:,} tasks, {res['lines']:,} timesheet lines "
        f"({res['ticket_lines']:,} on tickets, {res['task_lines']:,} on tasks), "
        f"{res['customers']:,} customers with a prepaid sales line each"
    )
    _out(
        f"measured ticket and task: {res['measured_ticket_lines']} and "
        f"{res['measured_task_lines']} lines, the same sales line "
        f"({res['sale_line_lines']:,} lines on it, {res['sale_line_remaining']:,.0f}"
        f" of {res['sale_line_sold']:,.0f} hours left); as {res['agent_login']} "
        "(helpdesk agent, own timesheets, salesman)"
    )
    _out(
        f"medians of {res['runs']} interleaved runs after {res['warm_up']} warm-up "
        "rounds; each run from a cold record cache, rolled back to a savepoint"
    )
    spec = res["spec_fields"]
    _out(
        f"form specification (from the form views): {spec['ours']} fields "
        f"(ticket), {spec['floor']} (task)"
    )
    head = (
        f"{'measurement':<34}{'ours ms':>9}{'floor ms':>10}{'ratio':>7}"
        f"{'target':>8}{'':>6}   queries ours / floor"
    )
    _out(head)
    _out("-" * len(head))
    failed = False
    for key, label in (
        ("log", "log a timesheet (create + flush)"),
        ("read", "form read (web_read)"),
    ):
        ours, floor = res["samples"][f"{key}/ours"], res["samples"][f"{key}/floor"]
        ours_ms, floor_ms = 1000 * _median(ours, 0), 1000 * _median(floor, 0)
        ratio = ours_ms / floor_ms if floor_ms else float("inf")
        verdict = "PASS" if ratio <= TARGET else "FAIL"
        failed = failed or verdict == "FAIL"
        _out(
            f"{label:<34}{ours_ms:>9.2f}{floor_ms:>10.2f}{ratio:>7.2f}"
            f"{f'<={TARGET:.1f}':>8}{verdict:>6}   "
            f"{_median(ours, 1)} / {_median(floor, 1)}"
        )
    for name, captured in res["queries"].items():
        _out()
        total = sum(ms for ms, _query, _where in captured)
        _out(f"queries of one run of {name}: {len(captured)}, {total:.2f} ms in SQL")
        for ms, query, where in captured:
            _out(f"  {ms:7.2f} ms  {where:<60}  {query}")
    return failed


def _run_shell(env, conf, db, config):
    prelude = (
        "import json\n"
        f"CONFIG = json.loads({json.dumps(config)!r})\n"
        f"MARK_ = {MARK!r}\n"
        f"STEP_ = {STEP!r}\n"
    )
    output = []
    result = None
    with subprocess.Popen(
        env.odoo_cmd(conf, "-d", db, "--no-http", command="shell"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        proc.stdin.write(prelude + SCRIPT)
        proc.stdin.close()
        for line in proc.stdout:
            output.append(line)
            if line.startswith(STEP):
                bs.step(line[len(STEP) :].rstrip())
            elif line.startswith(MARK):
                result = json.loads(line[len(MARK) :])
        proc.wait()
    if result is None:
        sys.stderr.write("".join(output)[-8000:])
    return result


def _update(env, conf, db):
    bs.step(f"updating helpdesk_timesheet in '{db}'")
    cmd = ("-d", db, "-u", "helpdesk_timesheet", "--stop-after-init", "--no-http")
    update = subprocess.run(
        env.odoo_cmd(conf, *cmd), capture_output=True, text=True, check=False
    )
    if update.returncode:
        sys.stderr.write(update.stdout[-5000:] + update.stderr[-5000:])
        raise bs.BootstrapError("updating helpdesk_timesheet failed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100000, help="and tasks")
    parser.add_argument(
        "--lines", type=int, default=1000000, help="timesheet lines, half on tasks"
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=1000,
        help="customers, each with a prepaid sales line (default %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warm-up", type=int, default=3)
    parser.add_argument(
        "--queries",
        action="store_true",
        help="list the queries of one run of each operation",
    )
    parser.add_argument("--db", default=DB, help="name of the scratch database")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="measure the database kept by --keep-db again (implies --keep-db)",
    )
    args = parser.parse_args()
    started = time.monotonic()
    reuse = args.reuse_db
    with bs.friendly_errors():
        existed = reuse and bs.bootstrap().pg.database_exists(args.db)
        with scratch_database(
            args.db,
            ADDONS,
            {"log_level": "warn"},
            keep=args.keep_db or reuse,
            reuse=reuse,
        ) as (env, conf):
            if existed:
                _update(env, conf, args.db)
            bs.step(
                f"{args.tickets} tickets and tasks, {args.lines} timesheet lines"
                if not existed
                else "measuring"
            )
            config = {
                "tickets": args.tickets,
                "lines": args.lines,
                "customers": args.customers,
                "runs": args.runs,
                "warm_up": args.warm_up,
                "queries": args.queries,
            }
            result = _run_shell(env, conf, args.db, config)
            if result is None:
                return 1
            failed = _report(result)
            _out(
                f"(database filled in {result['fill_seconds']} s; "
                f"total {time.monotonic() - started:.0f} s)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
