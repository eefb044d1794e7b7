# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_sla_priority
from . import helpdesk_sla_severity
from . import helpdesk_sla
from . import helpdesk_sla_status
from . import helpdesk_team
from . import helpdesk_ticket
from . import res_partner
from . import helpdesk_agent_performance
