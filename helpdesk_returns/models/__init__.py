# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_after_sale_choice
from . import helpdesk_after_sale_record
from . import account_move
from . import helpdesk_team
from . import helpdesk_ticket_after_sale
from . import helpdesk_ticket
from . import loyalty_card
from . import loyalty_program
from . import project_project
from . import project_task
from . import repair_order
from . import sale_order
from . import stock_lot
from . import stock_move
from . import stock_move_line
from . import stock_picking
from . import stock_rule
