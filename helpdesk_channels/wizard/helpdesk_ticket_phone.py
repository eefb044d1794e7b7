# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketPhone(models.TransientModel):
    """A ticket from a phone call: the caller found by their number (any
    format), their open tickets shown, the ticket's source "Phone"."""

    _name = "helpdesk.ticket.phone"
    _description = "Ticket from a Phone Call"

    phone = fields.Char(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Caller",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    open_ticket_ids = fields.Many2many(
        "helpdesk.ticket", string="Open Tickets", compute="_compute_open_ticket_ids"
    )
    name = fields.Char(string="Subject")
    description = fields.Html()
    team_id = fields.Many2one(
        "helpdesk.team",
        string="Team",
        default=lambda self: self.env["helpdesk.ticket"]._default_team_id(),
    )

    @api.depends("phone")
    def _compute_partner_id(self):
        Channel = self.env["helpdesk.channel"]
        for wizard in self:
            wizard.partner_id = Channel._find_partner_by_phone(wizard.phone)

    @api.depends("partner_id")
    def _compute_open_ticket_ids(self):
        Ticket = self.env["helpdesk.ticket"]
        for wizard in self:
            partner = wizard.partner_id.commercial_partner_id
            wizard.open_ticket_ids = (
                Ticket.search(
                    [
                        ("commercial_partner_id", "=", partner.id),
                        ("is_closed", "=", False),
                    ],
                    limit=20,
                )
                if partner
                else Ticket
            )

    def action_create(self):
        self.ensure_one()
        if not (self.name or "").strip():
            raise UserError(self.env._("Give the ticket a subject."))
        partner = self.partner_id
        if not partner:
            # agents may lack the right to create contacts: the caller is only
            # a number (as the ticket's own e-mail customers are made)
            partner = (
                self.env["res.partner"]
                .sudo()
                .create({"name": self.phone.strip(), "phone": self.phone.strip()})
                .sudo(False)
            )
        medium = self.env.ref("utm.utm_medium_phone")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": self.name.strip(),
                "description": self.description,
                "partner_id": partner.id,
                "team_id": self.team_id.id,
                "medium_id": medium.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "views": [(False, "form")],
        }
