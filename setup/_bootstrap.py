# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Idempotent bootstrap shared by ``setup/run`` and ``setup/test``.

Everything lives under one cache directory (``$HELPDESK_SUITE_CACHE`` or
``~/.cache/helpdesk-suite``):

* ``odoo-19.0/``  Odoo source, unless ``$ODOO_SRC`` or an importable ``odoo`` is found;
* ``venv/``       Python environment, rebuilt only when the requirements change;
* ``pg/``         a private PostgreSQL cluster (unix socket + a free 127.0.0.1 port);
* ``*.conf``      Odoo configuration files, ``filestore/`` the Odoo data dir.

Only the standard library is used: this module runs before any venv exists.
"""

import contextlib
import hashlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(
    os.environ.get("HELPDESK_SUITE_CACHE") or Path.home() / ".cache" / "helpdesk-suite"
)
ODOO_BRANCH = "19.0"
ODOO_GIT_URL = "https://github.com/odoo/odoo.git"
PG_SUPERUSER = "odoo"
PG_OS_USER = "helpdesk-pg"  # unprivileged owner of the cluster when we run as root
# Debian packages Odoo's requirements need to build (python-ldap, psycopg2).
BUILD_PACKAGES = {
    "libldap2-dev": "/usr/include/ldap.h",
    "libsasl2-dev": "/usr/include/sasl/sasl.h",
    "libpq-dev": "/usr/include/postgresql/libpq-fe.h",
}
BROWSER_PACKAGE = "chromium"


class BootstrapError(RuntimeError):
    """A step cannot be completed; the message tells the user what to do."""


def step(message):
    print(f"[setup] {message}", flush=True)


def is_root():
    return os.geteuid() == 0


def run(cmd, **kwargs):
    kwargs.setdefault("check", True)
    return subprocess.run(cmd, **kwargs)


# --- system packages
_apt_updated = False


def apt_install(packages, why):
    global _apt_updated
    if not packages:
        return
    if not is_root() or not shutil.which("apt-get"):
        raise BootstrapError(
            f"{why} needs the Debian packages {' '.join(packages)}; install them with "
            f"'sudo apt-get install {' '.join(packages)}' and run this command again."
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not _apt_updated:
        step("apt-get update")
        run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
        _apt_updated = True
    step(f"apt-get install {' '.join(packages)} ({why})")
    run(
        ["apt-get", "install", "-y", "-qq", *packages],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def ensure_build_packages():
    missing = [
        pkg for pkg, header in BUILD_PACKAGES.items() if not Path(header).exists()
    ]
    apt_install(missing, "building Odoo's Python requirements")


def find_browser():
    for name in (
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        path = shutil.which(name)
        if path:
            return path
    return None


def ensure_browser(required):
    """Odoo's HttpCase tours need Chromium; without it Odoo silently skips them."""
    if find_browser():
        return
    if is_root() and shutil.which("apt-get"):
        apt_install([BROWSER_PACKAGE], "browser tours")
    if not find_browser() and required:
        raise BootstrapError(
            "Browser tours need Chromium: install it with "
            "'sudo apt-get install chromium'."
        )


# --- Odoo source
def _odoo_from_python():
    """An ``odoo`` importable by the interpreter running us (a pip-installed Odoo)."""
    probe = (
        "import os, odoo; "
        "print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    if res.returncode == 0 and res.stdout.strip():
        return Path(res.stdout.strip())
    return None


def _is_odoo_tree(path):
    return (path / "odoo" / "release.py").is_file()


def find_odoo():
    """Return (source_dir, how_found): $ODOO_SRC, importable odoo, cache, clone."""
    env_src = os.environ.get("ODOO_SRC")
    if env_src:
        path = Path(env_src).expanduser().resolve()
        if not _is_odoo_tree(path):
            raise BootstrapError(
                f"ODOO_SRC={env_src} does not contain an Odoo source tree."
            )
        return path, "ODOO_SRC"
    imported = _odoo_from_python()
    if imported and _is_odoo_tree(imported):
        return imported, "importable odoo"
    cached = CACHE / f"odoo-{ODOO_BRANCH}"
    if _is_odoo_tree(cached):
        return cached, "cache"
    if shutil.which("git"):
        step(f"cloning Odoo {ODOO_BRANCH} into {cached} (shallow)")
        tmp = cached.with_name(cached.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        res = subprocess.run(
            [
                "git",
                "clone",
                "--depth",
                "1",
                "--branch",
                ODOO_BRANCH,
                ODOO_GIT_URL,
                str(tmp),
            ],
            check=False,
        )
        if res.returncode == 0 and _is_odoo_tree(tmp):
            shutil.rmtree(cached, ignore_errors=True)
            tmp.rename(cached)
            return cached, "clone"
        shutil.rmtree(tmp, ignore_errors=True)
    raise BootstrapError(
        "Odoo 19.0 source not found. Set ODOO_SRC to an Odoo 19.0 checkout, "
        "install Odoo "
        f"so that 'import odoo' works, or put the source in {cached} "
        "(cloning it needs access to github.com)."
    )


def check_odoo_version(src):
    release = {}
    exec((src / "odoo" / "release.py").read_text(), release)  # noqa: S102 - Odoo's own file
    serie = release.get("serie") or release.get("series")
    if serie != ODOO_BRANCH:
        raise BootstrapError(
            f"{src} holds Odoo {serie}, this suite needs Odoo {ODOO_BRANCH}."
        )


# --- Python venv
def _requirement_files(src):
    files = [
        src / "requirements.txt",
        REPO / "requirements.txt",
        REPO / "test-requirements.txt",
    ]
    return [f for f in files if f.is_file()]


def ensure_venv(src):
    venv = CACHE / "venv"
    python = venv / "bin" / "python"
    digest = hashlib.sha256(sys.version.encode())
    reqs = _requirement_files(src)
    for req in reqs:
        digest.update(req.read_bytes())
    stamp = venv / ".helpdesk-suite-requirements"
    if python.exists() and stamp.exists() and stamp.read_text() == digest.hexdigest():
        return python
    ensure_build_packages()
    step(f"building the Python environment in {venv} (a few minutes the first time)")
    if not python.exists():
        run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run([*pip, "--upgrade", "pip", "wheel", "setuptools<81"])
    for req in reqs:
        step(f"pip install -r {req}")
        run([*pip, "-r", str(req)])
    stamp.write_text(digest.hexdigest())
    return python


# --- PostgreSQL
def _pg_bindir():
    for cmd in ("pg_ctl", "initdb", "postgres"):
        found = shutil.which(cmd)
        if found:
            return Path(os.path.realpath(found)).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if candidates:
        return candidates[0].parent
    return None


def ensure_pg_binaries():
    bindir = _pg_bindir()
    if bindir is None:
        apt_install(["postgresql"], "the private PostgreSQL cluster")
        bindir = _pg_bindir()
    if bindir is None:
        raise BootstrapError("PostgreSQL server binaries (initdb, pg_ctl) not found.")
    return bindir


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ensure_os_user():
    """initdb refuses root: the cluster belongs to an unprivileged system user."""
    try:
        return pwd.getpwnam(PG_OS_USER)
    except KeyError:
        step(f"creating the unprivileged system user {PG_OS_USER} for PostgreSQL")
        run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                PG_OS_USER,
            ]
        )
        return pwd.getpwnam(PG_OS_USER)


def _grant_traverse(path, user):
    """Let ``user`` reach ``path`` through root-only parents (x bit, no listing)."""
    for parent in [*reversed(path.parents), path]:
        mode = parent.stat().st_mode
        if mode & 0o001:
            continue
        if shutil.which("setfacl"):
            run(["setfacl", "-m", f"u:{user}:x", str(parent)])
        else:
            os.chmod(parent, mode | 0o001)


class Postgres:
    def __init__(self, bindir):
        self.bindir = bindir
        self.root = CACHE / "pg"
        self.data = self.root / "data"
        self.sockdir = self.root / "run"
        self.portfile = self.root / "port"
        self.logfile = self.root / "postgres.log"
        self.as_user = _ensure_os_user() if is_root() else None

    def _cmd(self, *args):
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_user:
            cmd = ["runuser", "-u", PG_OS_USER, "--", *cmd]
        return cmd

    @property
    def port(self):
        return int(self.portfile.read_text())

    def _init(self):
        step(f"creating a private PostgreSQL cluster in {self.data}")
        self.root.mkdir(parents=True, exist_ok=True)
        self.sockdir.mkdir(exist_ok=True)
        if self.as_user:
            _grant_traverse(self.root, PG_OS_USER)
            for path in (self.root, self.sockdir):
                os.chown(path, self.as_user.pw_uid, self.as_user.pw_gid)
        run(
            self._cmd(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                PG_SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ),
            stdout=subprocess.DEVNULL,
        )

    def running(self):
        res = subprocess.run(
            self._cmd("pg_ctl", "status", "-D", str(self.data)),
            capture_output=True,
            check=False,
        )
        return res.returncode == 0

    def ensure(self):
        if not (self.data / "PG_VERSION").exists():
            shutil.rmtree(self.data, ignore_errors=True)
            self._init()
        if self.running() and self.portfile.exists():
            return self
        port = self.port if self.portfile.exists() else None
        if not port or not _port_is_free(port):
            port = _free_port()
        self.portfile.write_text(str(port))
        step(f"starting PostgreSQL on 127.0.0.1:{port} and {self.sockdir}")
        opts = (
            f"-p {port} -k {self.sockdir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        if self.as_user:
            self.logfile.touch()
            os.chown(self.logfile, self.as_user.pw_uid, self.as_user.pw_gid)
        run(
            self._cmd(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-l",
                str(self.logfile),
                "-o",
                opts,
            ),
            stdout=subprocess.DEVNULL,
        )
        return self

    def psql(self, sql, dbname="postgres"):
        psql = shutil.which("psql") or str(self.bindir / "psql")
        return run(
            [
                psql,
                "-h",
                str(self.sockdir),
                "-p",
                str(self.port),
                "-U",
                PG_SUPERUSER,
                "-d",
                dbname,
                "-tAc",
                sql,
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()

    def database_exists(self, name):
        return self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def drop_database(self, name):
        """Drop the database and its Odoo filestore."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(CACHE / "filestore" / "filestore" / name, ignore_errors=True)


# --- Odoo config
def addons_paths(src):
    paths = [src / "addons", src / "odoo" / "addons", REPO]
    return ",".join(str(p) for p in paths if p.is_dir())


def repo_addons():
    return sorted(
        p.name
        for p in REPO.iterdir()
        if (p / "__manifest__.py").is_file() and _installable(p / "__manifest__.py")
    )


def _installable(manifest):
    import ast

    return ast.literal_eval(manifest.read_text()).get("installable", True)


def secret(name):
    """A random password kept in ``CACHE/<name>`` (readable by the owner only)."""
    secret_file = CACHE / name
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(12))
        secret_file.chmod(0o600)
    return secret_file.read_text().strip()


def write_config(name, src, pg, extra=None):
    """Write ``CACHE/<name>.conf``; the master password is random, kept across runs."""
    values = {
        "addons_path": addons_paths(src),
        "data_dir": str(CACHE / "filestore"),
        "db_host": str(pg.sockdir),
        "db_port": str(pg.port),
        "db_user": PG_SUPERUSER,
        "admin_passwd": secret("admin_passwd"),
        "http_interface": "127.0.0.1",
        "list_db": "True",
    }
    values.update(extra or {})
    conf = CACHE / f"{name}.conf"
    conf.write_text("[options]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()))
    conf.chmod(0o600)
    return conf


class Environment:
    """What the bootstrap found or built: handed to ``setup/run`` and ``setup/test``."""

    def __init__(self, src, python, pg):
        self.src = src
        self.python = python
        self.pg = pg

    def odoo_cmd(self, conf, *args, command=None):
        """``odoo-bin [command] -c conf args...`` run with the venv's Python."""
        sub = [command] if command else []
        return [
            str(self.python),
            str(self.src / "odoo-bin"),
            *sub,
            "-c",
            str(conf),
            *args,
        ]


def bootstrap(browser_required=False):
    started = time.monotonic()
    CACHE.mkdir(parents=True, exist_ok=True)
    src, how = find_odoo()
    check_odoo_version(src)
    step(f"Odoo {ODOO_BRANCH} source: {src} ({how})")
    python = ensure_venv(src)
    ensure_browser(browser_required)
    pg = Postgres(ensure_pg_binaries()).ensure()
    step(f"environment ready in {time.monotonic() - started:.0f}s")
    return Environment(src, python, pg)


@contextlib.contextmanager
def friendly_errors():
    try:
        yield
    except BootstrapError as exc:
        print(f"[setup] ERROR: {exc}", file=sys.stderr)
        sys.exit(2)
    except subprocess.CalledProcessError as exc:
        cmd = " ".join(map(str, exc.cmd))
        print(
            f"[setup] ERROR: command failed ({exc.returncode}): {cmd}", file=sys.stderr
        )
        sys.exit(2)
