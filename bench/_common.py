# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the benchmarks share: a scratch database with the addons under test."""

import contextlib
import json
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


def shell_result(env, conf, db, script, marker):
    """Run ``script`` in ``odoo-bin shell`` on ``db`` and return the JSON it
    printed last after ``marker`` at the start of a line; ``None`` (with the
    shell's output on stderr) when it printed none."""
    proc = subprocess.run(
        env.odoo_cmd(conf, "-d", db, "--no-http", command="shell"),
        input=script,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith(marker)]
    if not lines:
        sys.stderr.write(proc.stdout[-5000:] + proc.stderr[-5000:])
        return None
    return json.loads(lines[-1][len(marker) :])
