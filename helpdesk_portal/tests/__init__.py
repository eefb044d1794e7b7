# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_portal_access
from . import test_portal_routes
from . import test_ui
from . import test_portal_forms
from . import test_portal_enterprise_rpc
from . import test_portal_migration
from . import test_portal_requests
from . import test_knowledge_base
from . import test_help_centre
from . import test_deflection
from . import test_knowledge_agent
