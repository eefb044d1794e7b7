# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_sla_calendar
from . import test_sla_flow
from . import test_sla_mail
from . import test_sla_security
from . import test_sla_enterprise_api
from . import test_sla_enterprise_rpc
from . import test_sla_preview
from . import test_sla_performance
from . import test_sla_policy_sync
from . import test_sla_ui
