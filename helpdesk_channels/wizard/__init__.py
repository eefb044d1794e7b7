# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_ticket_phone
from . import helpdesk_ticket_channel_template
from . import helpdesk_ticket_channel_template_line
