# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_assignment
from . import test_auto_close
from . import test_bulk_performance
from . import test_customer_replies
from . import test_dashboard
from . import test_duplicates
from . import test_mail_gateway
from . import test_merge
from . import test_partner_card
from . import test_performance
from . import test_reporting
from . import test_response_templates
from . import test_security
from . import test_stage_notifications
from . import test_ticket
from . import test_ticket_integrity
from . import test_ui
from . import test_xmlrpc
