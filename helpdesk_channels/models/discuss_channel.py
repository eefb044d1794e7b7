# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import fields, models
from odoo.fields import Domain
from odoo.tools import html2plaintext

SEARCH_LIMIT = 10


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    helpdesk_ticket_ids = fields.One2many(
        "helpdesk.ticket",
        "origin_channel_id",
        string="Tickets",
        groups="helpdesk_base.helpdesk_base_group_user",
    )

    def _helpdesk_livechat_customer(self):
        """The live chat's customer: its participant who is not an internal
        user (none for an anonymous visitor)."""
        self.ensure_one()
        operator = self.env.user.partner_id
        for partner in self.with_context(active_test=False).channel_partner_ids:
            if partner != operator and partner.partner_share:
                return self.env["res.partner"] if partner.is_public else partner
        return self.env["res.partner"]

    def _helpdesk_livechat_team(self):
        """The operator's team doing live chat (else the company's first one)."""
        Team = self.env["helpdesk.team"]
        domain = Domain("use_website_helpdesk_livechat", "=", True)
        mine = Team.search(
            domain & Domain("member_ids", "in", self.env.user.ids), limit=1
        )
        return mine or Team.search(domain, limit=1)

    def _helpdesk_create_ticket(self, name, team, customer=None, description=""):
        self.ensure_one()
        medium = self.env.ref(
            "helpdesk_channels.utm_medium_livechat", raise_if_not_found=False
        )
        customer = (
            customer if customer is not None else self._helpdesk_livechat_customer()
        )
        return self.env["helpdesk.ticket"].create(
            {
                "name": name,
                "team_id": team.id,
                "partner_id": customer.id,
                "description": (description or "") + self._get_channel_history(),
                "origin_channel_id": self.id,
                "medium_id": medium.id if medium else False,
            }
        )

    def _helpdesk_say(self, body):
        """A message in the chat for the operator only."""
        self.env.user._bus_send_transient_message(self, body)

    def execute_command_ticket(self, **kwargs):
        """``/ticket <title>``: a ticket of the operator's live chat team with
        the conversation as description; its link told to the operator only."""
        self.ensure_one()
        title = html2plaintext(kwargs.get("body") or "").strip()
        title = (
            title[len("/ticket") :].strip() if title.startswith("/ticket") else title
        )
        if not title:
            self._helpdesk_say(
                self.env._(
                    "Create a ticket with: %(command)s",
                    command=Markup("<pre>/ticket <i>%s</i></pre>")
                    % self.env._("ticket title"),
                )
            )
            return
        team = self._helpdesk_livechat_team()
        if not team:
            self._helpdesk_say(
                self.env._("No helpdesk team does live chat: switch it on in a team.")
            )
            return
        ticket = self._helpdesk_create_ticket(title, team)
        self._helpdesk_say(
            self.env._("Created the ticket %(ticket)s.", ticket=ticket._get_html_link())
        )

    def execute_command_search_tickets(self, **kwargs):
        """``/search_tickets <words>``: the tickets the operator may read whose
        title, reference or customer match, as links for the operator only."""
        self.ensure_one()
        words = html2plaintext(kwargs.get("body") or "").strip()
        words = (
            words[len("/search_tickets") :].strip()
            if words.startswith("/search_tickets")
            else words
        )
        if not words:
            self._helpdesk_say(
                self.env._(
                    "Search tickets with: %(command)s",
                    command=Markup("<pre>/search_tickets <i>%s</i></pre>")
                    % self.env._("words"),
                )
            )
            return
        domain = Domain.AND(
            [
                Domain("name", "ilike", word)
                | Domain("ticket_ref", "ilike", word)
                | Domain("partner_id.name", "ilike", word)
                for word in words.split()
            ]
        )
        tickets = self.env["helpdesk.ticket"].search(
            domain, limit=SEARCH_LIMIT, order="id desc"
        )
        if not tickets:
            self._helpdesk_say(
                self.env._("No ticket found for %(words)s.", words=words)
            )
            return
        links = Markup("<br/>").join(ticket._get_html_link() for ticket in tickets)
        self._helpdesk_say(
            Markup("%s<br/>%s")
            % (self.env._("Tickets for %(words)s:", words=words), links)
        )
