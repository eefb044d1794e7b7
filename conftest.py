# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""pytest (pytest-odoo) runs single test files against the database prepared by
``setup/pytest``: this hands its configuration (``pytest.conf`` in the setup cache,
database name included) to pytest-odoo unless ``--odoo-config`` or ``ODOO_RC`` says
otherwise. Odoo's own test runner (``setup/test``) never reads this file."""

import os
from pathlib import Path

_CONF = (
    Path(os.environ.get("HELPDESK_SUITE_CACHE", "~/.cache/helpdesk-suite")).expanduser()
    / "pytest.conf"
)
if _CONF.is_file():
    os.environ.setdefault("ODOO_RC", str(_CONF))
