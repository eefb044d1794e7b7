# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import uuid
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.fields import Command
from odoo.tests import freeze_time, get_db_name, new_test_user

from odoo.addons.base.tests.common import BaseCommon

USER_GROUP = "helpdesk_base.helpdesk_base_group_user"
MANAGER_GROUP = "helpdesk_base.helpdesk_base_group_manager"


class HelpdeskCase(BaseCommon):
    """Fixtures shared by the suite's tests: built here, never taken from demo data."""

    @classmethod
    def default_env_context(cls):
        # the helpdesk is made of tracking, followers and stage mails: keep them on
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "hd_manager", groups=MANAGER_GROUP, email="manager@example.com"
        )
        cls.agent = new_test_user(
            cls.env, "hd_agent", groups=USER_GROUP, email="agent@example.com"
        )
        cls.agent2 = new_test_user(
            cls.env, "hd_agent2", groups=USER_GROUP, email="agent2@example.com"
        )
        cls.outsider = new_test_user(
            cls.env, "hd_outsider", groups=USER_GROUP, email="outsider@example.com"
        )
        cls.Stage = cls.env["helpdesk.stage"]
        cls.stage_new = cls.Stage.create({"name": "T New", "sequence": 1})
        cls.stage_progress = cls.Stage.create({"name": "T In Progress", "sequence": 2})
        cls.stage_done = cls.Stage.create(
            {"name": "T Done", "sequence": 3, "is_closed": True, "fold": True}
        )
        cls.stages = cls.stage_new | cls.stage_progress | cls.stage_done
        cls.team = cls.env["helpdesk.team"].create(
            {
                "name": "T Support",
                "member_ids": [Command.set((cls.agent | cls.agent2).ids)],
                "stage_ids": [Command.set(cls.stages.ids)],
                "privacy_visibility": "invited_internal",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Customer Co",
                "email": "customer@example.com",
                "phone": "+380441234567",
            }
        )

    @classmethod
    def _create_office_calendar(cls, name="T Kyiv office", tz="Europe/Kyiv"):
        """Monday to Friday, 9:00-17:00 (8 hours a day) in ``tz``."""
        return cls.env["resource.calendar"].create(
            {
                "name": name,
                "tz": tz,
                "hours_per_day": 8.0,
                "attendance_ids": [
                    Command.clear(),
                    *(
                        Command.create(
                            {
                                "name": f"Day {day}",
                                "dayofweek": str(day),
                                "hour_from": 9.0,
                                "hour_to": 17.0,
                                "day_period": "morning",
                            }
                        )
                        for day in range(5)
                    ),
                ],
            }
        )

    @classmethod
    def _create_tickets(cls, count, **values):
        vals = {"team_id": cls.team.id, "partner_id": cls.customer.id, **values}
        return cls.env["helpdesk.ticket"].create(
            [dict(vals, name=f"Ticket {index}") for index in range(count)]
        )

    def _count_queries(self, func):
        """Queries ``func`` runs, flushes included, from a cold record cache."""
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _run_cron_method(self, method, *args, budget=None, **kwargs):
        """Run ``method`` as its cron does, the commits of its progress replaced by
        a record ``(processed, remaining)``: the cron's time is up after
        ``budget`` batches (None: never). Returns the recorded commits."""
        commits = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            self.env.flush_all()
            commits.append((processed, remaining))
            batches = sum(1 for _done, left in commits if left is None)
            return 0.0 if budget is not None and batches >= budget else 60.0

        IrCron = type(self.env["ir.cron"])
        with patch.object(IrCron, "_commit_progress", commit_progress):
            method(*args, **kwargs)
        return commits

    def _flush_tracking(self):
        """Run what happens at commit: tracking messages, then what the woken-up
        cron does right after: the stage e-mails."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env["helpdesk.ticket.stage.mail"].search([])._send()
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _now(self, when):
        """Freeze both Python time and the transaction timestamp the ORM stamps with."""
        return _FrozenNow(self.env.cr, when)


class _FrozenNow:
    def __init__(self, cr, when):
        self.freezer = freeze_time(when)
        self.patcher = patch.object(cr, "now", lambda: when)

    def __enter__(self):
        self.freezer.start()
        self.patcher.start()
        return self

    def __exit__(self, *exc):
        self.patcher.stop()
        self.freezer.stop()


class HelpdeskMailCase(HelpdeskCase):
    """Adds an alias domain and a team alias, and builds raw incoming e-mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create(
            {
                "name": "helpdesk.example.com",
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
                "default_from": "notifications",
                "company_ids": [Command.link(cls.company.id)],
                "sequence": 0,
            }
        )
        cls.company.alias_domain_id = cls.alias_domain
        cls.team.write(
            {"alias_name": "support", "alias_domain_id": cls.alias_domain.id}
        )
        cls.team_address = "support@helpdesk.example.com"

    def _raw_mail(
        self,
        subject="Printer is broken",
        email_from="customer@example.com",
        to=None,
        cc="",
        body="It does not print.",
        msg_id=None,
        extra_headers="",
        in_reply_to="",
    ):
        msg_id = msg_id or f"<{uuid.uuid4().hex}@customer.example.com>"
        headers = [
            f"From: {email_from}",
            f"To: {to or self.team_address}",
            f"Subject: {subject}",
            f"Message-ID: {msg_id}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Date: Mon, 23 Nov 2026 09:00:00 +0000",
        ]
        if cc:
            headers.append(f"Cc: {cc}")
        if in_reply_to:
            headers += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
        if extra_headers:
            headers.append(extra_headers)
        return "\r\n".join(headers) + "\r\n\r\n" + body + "\r\n"

    def _process(self, raw):
        return self.env["mail.thread"].sudo().message_process(False, raw)


class ExternalApiMixin:
    """Callers of the external API for ``HttpCase`` tests, as integrators' scripts
    use it: XML-RPC with a login and password, JSON-2 with an API key."""

    def _xmlrpc_caller(self, login, password):
        """``call(model, method, *args, **kwargs)`` over ``/xmlrpc/2``."""
        db = get_db_name()
        uid = self.xmlrpc_common.authenticate(db, login, password, {})
        self.assertTrue(uid, "XML-RPC login failed")

        def call(model, method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                db, uid, password, model, method, list(args), kwargs
            )

        return call

    def _json2_caller(self, user, key_name="integration"):
        """``call(model, method, **params)`` over ``/json/2`` with a new API key of
        ``user``; a non-200 answer fails the test."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc",
                name=key_name,
                expiration_date=datetime.now() + timedelta(days=1),
            )
        )
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key}"}

        def call(model, method, **params):
            response = self.url_open(
                f"/json/2/{model}/{method}", data=json.dumps(params), headers=headers
            )
            self.assertEqual(response.status_code, 200, response.text)
            return response.json()

        return call
