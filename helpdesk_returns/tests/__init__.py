# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_coupons
from . import test_refunds
from . import test_repairs
from . import test_returns
from . import test_ui
from . import test_after_sales
from . import test_tasks
