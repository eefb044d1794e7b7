# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain


class ResPartner(models.Model):
    _inherit = "res.partner"

    helpdesk_ticket_count = fields.Integer(
        string="Tickets", compute="_compute_helpdesk_ticket_counts"
    )
    helpdesk_open_ticket_count = fields.Integer(
        string="Open Tickets", compute="_compute_helpdesk_ticket_counts"
    )
    helpdesk_closed_ticket_count = fields.Integer(
        string="Closed Tickets", compute="_compute_helpdesk_ticket_counts"
    )

    @api.depends_context("uid")
    def _compute_helpdesk_ticket_counts(self):
        """Counts for the whole commercial entity, in one grouped query."""
        commercial = self.commercial_partner_id
        counts = {}
        if commercial.ids and self.env["helpdesk.ticket"].has_access("read"):
            groups = self.env["helpdesk.ticket"]._read_group(
                [("commercial_partner_id", "in", commercial.ids)],
                ["commercial_partner_id", "is_closed"],
                ["__count"],
            )
            counts = {(partner.id, closed): count for partner, closed, count in groups}
        for partner in self:
            pid = partner.commercial_partner_id.id
            partner.helpdesk_open_ticket_count = counts.get((pid, False), 0)
            partner.helpdesk_closed_ticket_count = counts.get((pid, True), 0)
            partner.helpdesk_ticket_count = (
                partner.helpdesk_open_ticket_count
                + partner.helpdesk_closed_ticket_count
            )

    def signup_prepare(self, signup_type="signup"):
        """While notifying a ticket's followers, a partner whose signup type is
        already the one asked for is not written again (see
        ``helpdesk.ticket._notify_get_recipients_groups``); elsewhere, as core."""
        if self.env.context.get("helpdesk_keep_signup_type"):
            partners = self.filtered(lambda p: p.sudo().signup_type != signup_type)
            return super(ResPartner, partners).signup_prepare(signup_type=signup_type)
        return super().signup_prepare(signup_type=signup_type)

    def action_open_helpdesk_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_ticket_action"
        )
        commercial = self.commercial_partner_id
        action.update(
            name=self.env._(
                "Tickets of %(customer)s", customer=commercial.display_name
            ),
            domain=list(Domain("commercial_partner_id", "=", commercial.id)),
            context={"default_partner_id": self.id, "search_default_filter_open": 0},
        )
        return action
