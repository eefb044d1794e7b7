# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_ticket_return
from . import helpdesk_ticket_return_line
from . import stock_return_picking
from . import helpdesk_ticket_refund
from . import helpdesk_ticket_coupon
from . import helpdesk_ticket_repair
from . import helpdesk_ticket_task
