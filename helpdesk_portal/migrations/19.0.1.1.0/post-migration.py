# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The portal rule of tickets gets the domain PostgreSQL serves with indexes.

The rule is loaded with ``noupdate``: an update keeps the former domain, whose
follower condition made every query of a portal user read every ticket. The rule is
reloaded from the module's file when its domain is still the one 19.0.1.0.0
shipped; a rule an administrator changed is left as it is, with a warning.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file

_logger = logging.getLogger(__name__)

RULE_XMLID = "helpdesk_portal.helpdesk_ticket_rule_portal"
FORMER_DOMAIN = """[
    '|', '|',
    ('partner_id', '=', user.partner_id.id),
    ('message_partner_ids', 'in', [user.partner_id.id]),
    '&',
    ('team_id.portal_visibility', '=', 'company'),
    ('commercial_partner_id', '=', user.commercial_partner_id.id),
]"""


def _compact(domain):
    return "".join((domain or "").split())


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(RULE_XMLID, raise_if_not_found=False)
    if not rule:
        return
    if _compact(rule.domain_force) != _compact(FORMER_DOMAIN):
        _logger.warning(
            "The record rule %s was changed: it keeps its domain. Compare it with "
            "helpdesk_portal/security/helpdesk_portal_security.xml, whose domain "
            "PostgreSQL serves with indexes.",
            RULE_XMLID,
        )
        return
    convert_file(
        env,
        "helpdesk_portal",
        "security/helpdesk_portal_security.xml",
        None,
        mode="init",
        noupdate=True,
    )
