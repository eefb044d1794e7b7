# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_inbound
from . import test_outbound
from . import test_providers
from . import test_performance
from . import test_partners
from . import test_livechat
from . import test_phone
from . import test_channel
from . import test_templates
from . import test_ui
