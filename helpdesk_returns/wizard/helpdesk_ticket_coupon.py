# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketCoupon(models.TransientModel):
    """One coupon for the ticket's customer. It fills and runs Odoo's own coupon
    generation (``loyalty.generate.wizard``) as superuser after checking what the
    agent may do; the code is sent to the customer from the ticket (queued)."""

    _name = "helpdesk.ticket.coupon"
    _description = "Offer a Coupon from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        compute="_compute_program_id",
        store=True,
        readonly=False,
        # agents without Sales rights search among the ticket's programs only
        # (helpdesk.after.sale.choice); no list of programs in the form: reading
        # programs (archivable records) needs rights they do not have
        domain="[('program_type', '=', 'coupons')]",
    )
    points_granted = fields.Float(string="Points", default=1.0)
    valid_until = fields.Date(
        default=lambda self: fields.Date.context_today(self) + timedelta(days=90)
    )
    send_mail = fields.Boolean(
        string="Send to the Customer",
        default=True,
        help="The code and its expiry are sent to the customer in the ticket's "
        "conversation.",
    )

    @api.depends("ticket_id")
    def _compute_program_id(self):
        for wizard in self:
            wizard.program_id = wizard.ticket_id._default_coupon_program()

    def _check_request(self):
        """The agent may offer this coupon to the ticket's customer."""
        self.ensure_one()
        ticket = self.ticket_id
        ticket._check_after_sale_allowed(ticket.use_coupons, self.env._("Coupons"))
        customer = ticket.partner_id
        if not customer:
            raise UserError(self.env._("Set the ticket's customer first."))
        program = self.program_id.sudo()
        if not program or program not in ticket._coupon_programs():
            raise UserError(self.env._("Choose a coupon program of this company."))
        if self.points_granted <= 0:
            raise UserError(self.env._("A coupon grants at least some points."))
        if self.valid_until and self.valid_until < fields.Date.context_today(self):
            raise UserError(self.env._("The coupon would already be expired."))
        return ticket, customer, program

    def action_generate(self):
        ticket, customer, program = self._check_request()
        coupon = (
            self.env["loyalty.generate.wizard"]
            .sudo()
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": program.id,
                    "mode": "selected",
                    "customer_ids": [fields.Command.set(customer.ids)],
                    "points_granted": self.points_granted,
                    "valid_until": self.valid_until,
                    "description": f"{ticket.ticket_ref}: {ticket.name}",
                }
            )
            .generate_coupons()
        )
        coupon.helpdesk_ticket_id = ticket
        ticket._post_after_sale_note(self.env._("Coupon"), coupon, coupon.code)
        if self.send_mail:
            ticket._send_coupon(coupon)
        return {"type": "ir.actions.act_window_close"}
