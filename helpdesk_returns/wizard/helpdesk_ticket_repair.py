# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketRepair(models.TransientModel):
    """A repair order for the product of the ticket's customer, on the return it
    came back on. Created as superuser after checking what the agent may do:
    agents open repairs without Inventory rights, for their tickets' customers."""

    _name = "helpdesk.ticket.repair"
    _description = "Repair a Product from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    suitable_product_ids = fields.Many2many(
        related="ticket_id.suitable_product_ids", string="Suitable Products"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product to Repair",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        domain="[('id', 'in', suitable_product_ids)]",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Returned On",
        compute="_compute_from_ticket",
        store=True,
        readonly=False,
        help="The ticket's return the product came back on.",
    )
    under_warranty = fields.Boolean(help="The repair is not charged to the customer.")
    description = fields.Html(string="What to Repair")

    @api.depends("ticket_id")
    def _compute_from_ticket(self):
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.product_id = ticket.product_id
            wizard.lot_id = ticket.lot_id
            returns = ticket.sudo().picking_ids.filtered(
                lambda p: p.picking_type_code == "incoming" and p.return_id
            )
            product = ticket.product_id
            wizard.picking_id = (
                returns.filtered(lambda p, pr=product: pr in p.move_ids.product_id)[:1]
                if product
                else returns[:1]
            )
            wizard.description = ticket.description

    def action_create(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket._check_after_sale_allowed(
            ticket.use_product_repairs, self.env._("Repairs")
        )
        product = self.product_id
        if not product or product not in ticket.suitable_product_ids:
            raise UserError(
                self.env._(
                    "Choose a product %(customer)s bought.",
                    customer=ticket._customer_label(),
                )
            )
        if self.lot_id and self.lot_id not in ticket.suitable_lot_ids:
            raise UserError(
                self.env._(
                    "The lot %(lot)s was not delivered to %(customer)s.",
                    lot=self.lot_id.sudo().name,
                    customer=ticket._customer_label(),
                )
            )
        picking = self.picking_id.sudo()
        if picking and picking.helpdesk_ticket_id != ticket:
            raise UserError(self.env._("Choose one of this ticket's returns."))
        repair = (
            self.env["repair.order"]
            .sudo()
            .with_company(ticket.company_id or self.env.company)
            .create(
                {
                    "partner_id": ticket.partner_id.id,
                    "product_id": product.id,
                    "lot_id": self.lot_id.id,
                    "picking_id": picking.id,
                    "under_warranty": self.under_warranty,
                    "internal_notes": self.description,
                    "helpdesk_ticket_id": ticket.id,
                }
            )
        )
        ticket._post_after_sale_note(
            self.env._("Repair"),
            repair,
            self.env._("under warranty") if self.under_warranty else "",
        )
        if self.env["repair.order"].has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "repair.order",
                "res_id": repair.id,
                "views": [(False, "form")],
            }
        return {"type": "ir.actions.act_window_close"}
