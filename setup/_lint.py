# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Run the repo's lint hooks (``.pre-commit-config.yaml``) on every tracked file.

``run(python, repo)`` installs pre-commit into the project's venv when it is missing,
then runs ``pre-commit run --all-files`` in ``repo`` and returns its exit code.

* pre-commit only sees files that git tracks (``git ls-files``): a file that was never
  ``git add``-ed is NOT linted. The run says how many such files there are.
* Hook environments (ruff, pylint-odoo, prettier...) are installed from PyPI and npm
  on the first run into ``~/.cache/pre-commit`` (``$PRE_COMMIT_HOME``), then reused.
* Hooks that fix files (ruff, prettier, whitespace...) rewrite them in place and fail;
  the diff is shown, and a second run passes once the fixes are kept.

Standalone: ``python3 setup/_lint.py`` uses the venv made by ``_bootstrap.py``
(``$HELPDESK_SUITE_CACHE/venv``, default ``~/.cache/helpdesk-suite/venv``) when it
exists, else the interpreter running this file. Only the standard library is used.
"""

import os
import subprocess
import sys
from pathlib import Path

PRE_COMMIT_REQUIREMENT = "pre-commit==4.3.0"


def _say(message):
    print(f"[lint] {message}", flush=True)


def ensure_pre_commit(python):
    """Install pre-commit into ``python``'s environment unless it is already there."""
    probe = subprocess.run(
        [python, "-m", "pre_commit", "--version"], capture_output=True, text=True
    )
    if probe.returncode == 0:
        return
    _say(f"installing {PRE_COMMIT_REQUIREMENT} into {python}")
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            PRE_COMMIT_REQUIREMENT,
        ],
        check=True,
    )


def _untracked_files(repo):
    """Files git does not track (and does not ignore): pre-commit skips them."""
    result = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return []
    return result.stdout.splitlines()


def run(python: str, repo: str) -> int:
    """Lint every git-tracked file of ``repo``; return pre-commit's exit code."""
    try:
        ensure_pre_commit(python)
    except (OSError, subprocess.CalledProcessError) as error:
        _say(f"cannot install {PRE_COMMIT_REQUIREMENT} with {python}: {error}")
        return 1
    _say(f"pre-commit run --all-files in {repo} (git-tracked files only)")
    untracked = _untracked_files(repo)
    if untracked:
        _say(
            f"{len(untracked)} untracked file(s) not linted, e.g. {untracked[0]}; "
            "`git add` them to include them"
        )
    command = [
        python,
        "-m",
        "pre_commit",
        "run",
        "--all-files",
        "--show-diff-on-failure",
        "--color=never",
    ]
    return subprocess.run(command, cwd=repo).returncode


def _default_python():
    cache = os.environ.get("HELPDESK_SUITE_CACHE")
    cache = Path(cache) if cache else Path.home() / ".cache" / "helpdesk-suite"
    venv_python = cache / "venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


if __name__ == "__main__":
    sys.exit(run(_default_python(), str(Path(__file__).resolve().parent.parent)))
