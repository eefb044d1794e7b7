# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import helpdesk_portal_submission
from . import helpdesk_stage
from . import helpdesk_team
from . import helpdesk_ticket
from . import mail_followers
from . import helpdesk_article_category
from . import helpdesk_article
from . import helpdesk_article_vote
from . import helpdesk_article_suggestion
from . import helpdesk_rate_limit
from . import helpdesk_article_search
from . import res_lang
