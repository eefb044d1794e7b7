# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from odoo.addons.helpdesk_base.tests.common import HelpdeskCase

DATA = Path(__file__).parent / "data"


def payload(name):
    """A recorded payload of tests/data (the providers' documented examples)."""
    return json.loads((DATA / f"{name}.json").read_text())


class FakeProvider(ThreadingHTTPServer):
    """The messengers' APIs on 127.0.0.1: records each request and answers with
    what ``answers`` says for its path (status, JSON or bytes), else 200 {"ok":
    true, "result": {}}."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FakeHandler)
        self.requests = []
        self.answers = {}
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answer(self, path, status=200, body=None, headers=None, times=None):
        """Answer requests to ``path`` (once per entry when ``times`` is set)."""
        self.answers.setdefault(path, []).append((status, body, headers or {}, times))

    def calls(self, path_part):
        return [r for r in self.requests if path_part in r["path"]]

    def close(self):
        self.shutdown()
        self.server_close()


class FakeHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        server = self.server
        server.requests.append(
            {
                "method": self.command,
                "path": self.path,
                "headers": dict(self.headers),
                "body": body,
            }
        )
        status, answer, headers = 200, {"ok": True, "result": {}}, {}
        for path, entries in server.answers.items():
            if path in self.path and entries:
                status, answer, headers, times = entries[0]
                if times is not None:
                    times -= 1
                    if times <= 0:
                        entries.pop(0)
                    else:
                        entries[0] = (status, answer, headers, times)
                break
        data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _handle


class HelpdeskChannelCase(HelpdeskCase):
    """A fake provider server and a channel per provider pointing at it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeProvider()
        cls.addClassCleanup(cls.fake.close)
        Channel = cls.env["helpdesk.channel"]
        cls.telegram = Channel.create(
            {
                "name": "T Telegram",
                "provider": "telegram",
                "team_id": cls.team.id,
                "token": "123:TEST",
                "webhook_secret": "tg-secret",
                "api_base_url": cls.fake.url,
            }
        )
        cls.webhook = Channel.create(
            {
                "name": "T Webhook",
                "provider": "webhook",
                "team_id": cls.team.id,
                "webhook_secret": "wh-secret",
                "outbound_url": f"{cls.fake.url}/replies",
            }
        )

    def setUp(self):
        super().setUp()
        self.fake.answers.clear()
        self.fake.requests.clear()

    def _process(self):
        """What the woken-up job does."""
        self._run_cron_method(self.env["helpdesk.channel.event"]._cron_process)
        self.env.invalidate_all()
