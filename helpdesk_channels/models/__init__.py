# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_channel
from . import helpdesk_channel_contact
from . import helpdesk_channel_event
from . import helpdesk_channel_message
from . import helpdesk_channel_template
from . import helpdesk_channel_template_variable
from . import helpdesk_ticket
from . import helpdesk_team
from . import discuss_channel
from . import chatbot_script_step
from . import mail_notification
