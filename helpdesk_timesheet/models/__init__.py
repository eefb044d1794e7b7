# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import account_analytic_line
from . import helpdesk_team
from . import helpdesk_ticket
from . import helpdesk_ticket_timer
from . import sale_order_line
