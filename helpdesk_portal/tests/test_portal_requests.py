# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.http import Request
from odoo.tests import tagged

from .common import HelpdeskPortalHttpCase


@tagged("post_install", "-at_install")
class TestPortalRequests(HelpdeskPortalHttpCase):
    """What the portal's pages cost: GET pages read only, and the list runs as many
    queries for 50 tickets as for 5."""

    def _get_read_only(self, url):
        """Request ``url`` and check that it ran on a read-only cursor and wrote
        nothing: a write would make Odoo retry the request on a read/write cursor,
        with a warning, and render the page a second time."""
        cursors = []
        render = Request.render

        def spy(request, template, qcontext=None, lazy=True, **kw):
            cursors.append(request.env.cr.readonly)
            return render(request, template, qcontext, lazy, **kw)

        with (
            patch.object(Request, "render", spy),
            self.assertNoLogs("odoo.http", "WARNING"),
        ):
            res = self.url_open(url)
        self.assertEqual(res.status_code, 200)
        self.assertEqual(cursors, [True], f"{url} ran on a read/write cursor")
        return res

    def _request_queries(self, url):
        """Queries of a request to ``url``, once the caches are warm."""
        self.assertEqual(self.url_open(url).status_code, 200)
        before = self.cr.sql_log_count
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200)
        return self.cr.sql_log_count - before

    def test_get_pages_are_read_only(self):
        tickets = self.ticket | self._create_tickets(22, partner_id=self.alice.id)
        self.ticket.stage_id = self.stage_done
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        for url in (
            "/my/tickets",
            "/my/tickets/page/2?filterby=all",
            "/my/tickets?filterby=all&groupby=stage_id&search=Ticket",
            f"/my/tickets/new?origin_id={self.ticket.id}",
            f"/helpdesk/{self.team.id}",
        ):
            with self.subTest(url=url):
                self._get_read_only(url)
        # the ticket page of the last list links to the previous and next tickets:
        # without writing them a token
        tickets.write({"access_token": False})
        self._get_read_only("/my/tickets?filterby=all")
        newest = tickets.sorted("id", reverse=True)
        page = self._get_read_only(f"/my/tickets/{newest[1].id}").text
        self.assertFalse(any(tickets.mapped("access_token")))
        for neighbour in (newest[0], newest[2]):
            self.assertIn(f'href="/my/tickets/{neighbour.id}"', page)
        # a visitor holding the signed link
        token = self.ticket._portal_ensure_token()
        self.authenticate(None, None)
        for url in (
            f"/my/tickets/{self.ticket.id}?access_token={token}",
            f"/helpdesk/{self.team.id}",
        ):
            with self.subTest(url=url):
                self._get_read_only(url)

    def test_list_queries_do_not_grow_with_tickets(self):
        stages = (self.stage_new, self.stage_progress, self.stage_done)
        for stage in stages:
            self._create_tickets(2, partner_id=self.alice.id, stage_id=stage.id)
        self.authenticate("hd_portal_alice", "hd_portal_alice")
        urls = (
            "/my/tickets",
            "/my/tickets?filterby=all&groupby=stage_id",
            "/my/tickets?filterby=all&groupby=team_id&sortby=update",
            f"/my/tickets/{self.ticket.id}",
        )
        small = {url: self._request_queries(url) for url in urls}
        for stage in stages:
            self._create_tickets(15, partner_id=self.alice.id, stage_id=stage.id)
        large = {url: self._request_queries(url) for url in urls}
        for url in urls:
            with self.subTest(url=url):
                self.assertGreater(small[url], 0, "the request's queries are counted")
                self.assertLessEqual(large[url], small[url])
