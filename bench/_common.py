# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the benchmarks share: a scratch database with the addons under test."""

import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "setup"))
import _bootstrap as bs  # noqa: E402


@contextlib.contextmanager
def scratch_database(db, addons, conf_extra=None, keep=False, reuse=False):
    """Bootstrap, install ``addons`` into a fresh database ``db`` and yield
    ``(env, conf)``; the database is dropped afterwards unless ``keep``.
    With ``reuse``, an existing ``db`` is used as it is (no new install)."""
    with bs.friendly_errors():
        env = bs.bootstrap()
        conf = bs.write_config(
            f"bench-{db}",
            env.src,
            env.pg,
            {"workers": "0", "max_cron_threads": "0", **(conf_extra or {})},
        )
        if reuse and env.pg.database_exists(db):
            bs.step(f"reusing the database '{db}'")
            try:
                yield env, conf
            finally:
                if not keep:
                    env.pg.drop_database(db)
            return
        env.pg.drop_database(db)
        try:
            bs.step(f"installing {', '.join(addons)} into '{db}'")
            cmd = ("-d", db, "-i", ",".join(addons), "--stop-after-init", "--no-http")
            install = subprocess.run(
                env.odoo_cmd(conf, *cmd), capture_output=True, text=True, check=False
            )
            if install.returncode:
                sys.stderr.write(install.stdout[-5000:] + install.stderr[-5000:])
                raise bs.BootstrapError(f"installing {', '.join(addons)} failed")
            yield env, conf
        finally:
            if not keep:
                env.pg.drop_database(db)


def wait_up(base, proc, timeout=120):
    """Wait until the Odoo server ``proc`` answers on ``base`` (its login page)."""
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
