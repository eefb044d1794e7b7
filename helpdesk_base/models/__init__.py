# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_response_category
from . import helpdesk_stage
from . import helpdesk_tag
from . import helpdesk_ticket_type
from . import helpdesk_team
from . import helpdesk_ticket
from . import helpdesk_ticket_stage_mail
from . import mail_template
from . import mail_thread
from . import res_company
from . import res_partner
from . import resource_calendar
from . import resource_calendar_attendance
from . import resource_calendar_leaves
from . import res_users
from . import res_config_settings
