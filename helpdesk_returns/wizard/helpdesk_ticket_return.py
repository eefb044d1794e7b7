# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class HelpdeskTicketReturn(models.TransientModel):
    """Return (or exchange) products of one of the ticket customer's deliveries.
    It fills and runs Odoo's own return wizard (``stock.return.picking``) as
    superuser after checking what the agent may do: agents return products
    without Inventory rights, only on their tickets' customers' deliveries."""

    _name = "helpdesk.ticket.return"
    _description = "Return Products from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="ticket_id.company_id")
    allowed_picking_ids = fields.Many2many(
        "stock.picking", compute="_compute_allowed_picking_ids", compute_sudo=True
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Delivery",
        compute="_compute_picking_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', allowed_picking_ids)]",
    )
    line_ids = fields.One2many(
        "helpdesk.ticket.return.line",
        "wizard_id",
        string="Products",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )
    location_dest_id = fields.Many2one(
        "stock.location",
        string="Return To",
        domain="[('usage', '=', 'internal'), "
        "('company_id', 'in', [company_id, False])]",
        help="Where the products come back (empty: the warehouse's return location).",
    )

    # one step: the return (or exchange) and a courtesy coupon
    use_coupons = fields.Boolean(related="ticket_id.use_coupons")
    offer_coupon = fields.Boolean(
        string="Courtesy Coupon",
        help="Also offer the customer a coupon (teams doing coupons).",
    )
    coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        compute="_compute_coupon_program_id",
        store=True,
        readonly=False,
        domain="[('program_type', '=', 'coupons')]",
    )
    coupon_valid_until = fields.Date(
        default=lambda self: fields.Date.context_today(self) + timedelta(days=90),
    )
    coupon_send_mail = fields.Boolean(string="Send the Coupon", default=True)

    @api.depends("ticket_id")
    def _compute_coupon_program_id(self):
        for wizard in self:
            wizard.coupon_program_id = wizard.ticket_id._default_coupon_program()

    @api.depends("ticket_id")
    def _compute_allowed_picking_ids(self):
        Picking = self.env["stock.picking"].sudo()
        for wizard in self:
            wizard.allowed_picking_ids = (
                Picking.search(wizard.ticket_id._after_sale_delivery_domain())
                if wizard.ticket_id
                else Picking
            )

    @api.depends("ticket_id")
    def _compute_picking_id(self):
        """The most recent delivery of the ticket's product (or any)."""
        for wizard in self:
            pickings = wizard.allowed_picking_ids.sorted(
                lambda p: (p.date_done or p.create_date, p.id), reverse=True
            )
            product = wizard.ticket_id.product_id
            wizard.picking_id = (
                product
                and pickings.filtered(
                    lambda p, product=product: product in p.move_ids.product_id
                )[:1]
                or pickings[:1]
            )

    @api.depends("picking_id")
    def _compute_line_ids(self):
        """Delivered minus already returned, for the ticket's product when it
        has one (the others at 0)."""
        Line = self.env["helpdesk.ticket.return.line"]
        for wizard in self:
            commands = [Command.clear()]
            product = wizard.ticket_id.product_id
            for move in wizard.picking_id.sudo().move_ids:
                if move.state != "done" or move.location_dest_usage == "inventory":
                    continue
                values = Line._returnable_values(move)
                left = max(values["delivered_qty"] - values["returned_qty"], 0.0)
                values["quantity"] = (
                    left if not product or move.product_id == product else 0.0
                )
                commands.append(Command.create(values))
            wizard.line_ids = commands

    # ------------------------------------------------------------------ actions
    def _check_request(self):
        """What the agent asks is theirs to ask: a ticket they may change, a
        delivery of its customer and company, quantities that were delivered
        and not returned yet."""
        self.ensure_one()
        ticket = self.ticket_id
        ticket._check_after_sale_allowed(
            ticket.use_product_returns, self.env._("Returns")
        )
        picking = self.picking_id.sudo()
        if not picking or picking not in self.allowed_picking_ids:
            raise UserError(
                self.env._(
                    "Choose one of %(customer)s's deliveries done.",
                    customer=ticket.commercial_partner_id.display_name
                    or self.env._("the customer"),
                )
            )
        if any(line.quantity < 0 for line in self.line_ids):
            raise UserError(self.env._("A quantity to return cannot be negative."))
        asked = self.line_ids.filtered(lambda line: line.quantity > 0)
        if not asked:
            raise UserError(self.env._("Set the quantity of at least one product."))
        for line in asked:
            move = line.move_id.sudo()
            if move.picking_id != picking:
                raise UserError(
                    self.env._("A product does not belong to this delivery.")
                )
            values = line._returnable_values(move)
            left = values["delivered_qty"] - values["returned_qty"]
            if move.product_uom.compare(line.quantity, left) > 0:
                raise UserError(
                    self.env._(
                        "%(product)s: %(asked)s asked, only %(left)s delivered and "
                        "not returned yet.",
                        product=move.product_id.display_name,
                        asked=line.quantity,
                        left=max(left, 0.0),
                    )
                )
        return picking, asked

    def _run(self, exchange):
        picking, asked = self._check_request()
        coupon_wizard = self.env["helpdesk.ticket.coupon"]
        if self.offer_coupon:
            coupon_wizard = coupon_wizard.create(
                {
                    "ticket_id": self.ticket_id.id,
                    "program_id": self.coupon_program_id.id,
                    "valid_until": self.coupon_valid_until,
                    "send_mail": self.coupon_send_mail,
                }
            )
            # checked before anything is made: a refused coupon leaves no return
            coupon_wizard._check_request()
        ticket = self.ticket_id
        Picking = self.env["stock.picking"].sudo()
        before = Picking.search([("helpdesk_ticket_id", "=", ticket.id)])
        core = (
            self.env["stock.return.picking"]
            .sudo()
            .with_company(picking.company_id)
            .with_context(
                active_model="stock.picking",
                active_id=picking.id,
                active_ids=picking.ids,
            )
            .create({"picking_id": picking.id, "helpdesk_ticket_id": ticket.id})
        )
        quantities = {line.move_id.id: line.quantity for line in asked}
        for core_line in core.product_return_moves:
            core_line.quantity = quantities.get(core_line.move_id.id, 0.0)
        action = (
            core.action_create_exchanges() if exchange else core.action_create_returns()
        )
        returned = self.env["stock.picking"].sudo().browse(action["res_id"])
        if self.location_dest_id:
            returned.write({"location_dest_id": self.location_dest_id.id})
        made = Picking.search([("helpdesk_ticket_id", "=", ticket.id)]) - before
        ticket._post_after_sale_note(
            self.env._("Return for exchange") if exchange else self.env._("Return"),
            returned | made,
            ", ".join(
                f"{line.product_id.display_name} × {line.quantity:g}" for line in asked
            ),
        )
        if coupon_wizard:
            coupon_wizard.action_generate()
        if self.env["stock.picking"].has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "stock.picking",
                "res_id": returned.id,
                "views": [(False, "form")],
            }
        return {"type": "ir.actions.act_window_close"}

    def action_return(self):
        self.ensure_one()
        return self._run(exchange=False)

    def action_exchange(self):
        self.ensure_one()
        return self._run(exchange=True)
