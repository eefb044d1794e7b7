# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    # The portal rule reads the tickets a partner follows (see
    # helpdesk.ticket._search_portal_follower_ids): a range of this index, where the
    # unique (res_model, res_id, partner_id) index makes PostgreSQL read the
    # followers of every ticket. Partial: other models' followers are not indexed.
    _helpdesk_ticket_partner_idx = models.Index(
        "(partner_id, res_id) WHERE res_model = 'helpdesk.ticket'"
    )
