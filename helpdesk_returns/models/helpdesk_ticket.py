# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from .helpdesk_ticket_after_sale import PORTAL_KINDS


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    use_product_returns = fields.Boolean(related="team_id.use_product_returns")
    use_credit_notes = fields.Boolean(related="team_id.use_credit_notes")
    use_coupons = fields.Boolean(
        related="team_id.use_coupons", string="Team Does Coupons"
    )
    use_product_repairs = fields.Boolean(
        related="team_id.use_product_repairs", string="Team Does Repairs"
    )
    use_project_tasks = fields.Boolean(
        related="team_id.use_project_tasks", string="Team Does Project Tasks"
    )

    # what the ticket is about: it prefills every after-sales action
    sale_order_id = fields.Many2one(
        "sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        domain="[('id', 'in', suitable_sale_order_ids)]",
        help="The customer's order the ticket is about.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        index="btree_not_null",
        tracking=True,
        domain="[('id', 'in', suitable_product_ids)]",
        help="The product the ticket is about (one of the customer's orders).",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        index="btree_not_null",
        tracking=True,
        domain="[('id', 'in', suitable_lot_ids)]",
        help="The lot or serial number delivered to the customer.",
    )
    suitable_sale_order_ids = fields.Many2many(
        "sale.order", compute="_compute_suitable_after_sale_ids", compute_sudo=True
    )
    suitable_product_ids = fields.Many2many(
        "product.product", compute="_compute_suitable_after_sale_ids", compute_sudo=True
    )
    suitable_lot_ids = fields.Many2many(
        "stock.lot", compute="_compute_suitable_after_sale_ids", compute_sudo=True
    )

    # what the ticket made is internal (the portal shows its own summary)
    picking_ids = fields.One2many(
        "stock.picking",
        "helpdesk_ticket_id",
        string="Return Pickings",
        groups="base.group_user",
    )
    pickings_count = fields.Integer(
        string="Returns Count", compute="_compute_pickings_count"
    )
    invoice_ids = fields.One2many(
        "account.move",
        "helpdesk_ticket_id",
        string="Credit Notes",
        groups="base.group_user",
    )
    invoices_count = fields.Integer(
        string="Credit Notes Count", compute="_compute_invoices_count"
    )
    repair_ids = fields.One2many(
        "repair.order", "helpdesk_ticket_id", string="Repairs", groups="base.group_user"
    )
    repairs_count = fields.Integer(compute="_compute_repairs_count")
    coupon_ids = fields.One2many(
        "loyalty.card", "helpdesk_ticket_id", string="Coupons", groups="base.group_user"
    )
    coupons_count = fields.Integer(compute="_compute_coupons_count")
    coupon_codes = fields.Char(
        compute="_compute_coupons_count",
        help="The codes of the coupons offered from the ticket, with their expiry.",
    )
    task_ids = fields.One2many(
        "project.task", "helpdesk_ticket_id", string="Tasks", groups="base.group_user"
    )
    tasks_count = fields.Integer(compute="_compute_tasks_count")
    after_sale_ids = fields.One2many(
        "helpdesk.ticket.after.sale",
        "ticket_id",
        string="After-Sales",
        groups="base.group_user",
        help="Everything made from the ticket (returns, deliveries, repairs, "
        "credit notes, coupons, tasks) with its state.",
    )
    has_refundable_invoice = fields.Boolean(
        compute="_compute_has_refundable_invoice",
        help="The customer has posted invoices that can be refunded.",
    )
    has_returnable_delivery = fields.Boolean(
        compute="_compute_has_returnable_delivery",
        help="The customer has deliveries done that can be returned.",
    )

    # ------------------------------------------------------------------ domains
    def _after_sale_delivery_domain(self):
        """The customer's deliveries done, in the ticket's company (and of the
        ticket's order when it has one)."""
        self.ensure_one()
        domain = Domain(
            [
                ("state", "=", "done"),
                ("picking_type_code", "=", "outgoing"),
                (
                    "partner_id.commercial_partner_id",
                    "=",
                    self.commercial_partner_id.id,
                ),
            ]
        )
        if self.company_id:
            domain &= Domain("company_id", "=", self.company_id.id)
        if self.sale_order_id:
            domain &= Domain("sale_id", "=", self.sale_order_id.id)
        return domain

    def _after_sale_invoice_domain(self):
        """The customer's posted invoices, in the ticket's company (of the
        ticket's order, and with its product, when it has them)."""
        self.ensure_one()
        domain = Domain(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "!=", "reversed"),
                (
                    "commercial_partner_id",
                    "=",
                    self.commercial_partner_id.id,
                ),
            ]
        )
        if self.company_id:
            domain &= Domain("company_id", "=", self.company_id.id)
        if self.sale_order_id:
            domain &= Domain("id", "in", self.sale_order_id.sudo().invoice_ids.ids)
        if self.product_id:
            domain &= Domain("invoice_line_ids.product_id", "=", self.product_id.id)
        return domain

    @api.depends("commercial_partner_id", "company_id", "sale_order_id", "product_id")
    def _compute_suitable_after_sale_ids(self):
        """The customer's confirmed orders, their products, the lots delivered
        to the customer (sudo: agents choose without sales or stock rights; the
        values stay the customer's)."""
        SaleOrder = self.env["sale.order"].sudo()
        MoveLine = self.env["stock.move.line"].sudo()
        for ticket in self:
            partner = ticket.commercial_partner_id
            if not partner:
                ticket.suitable_sale_order_ids = False
                ticket.suitable_product_ids = False
                ticket.suitable_lot_ids = False
                continue
            order_domain = Domain(
                [
                    ("partner_id.commercial_partner_id", "=", partner.id),
                    ("state", "=", "sale"),
                ]
            )
            if ticket.company_id:
                order_domain &= Domain("company_id", "=", ticket.company_id.id)
            orders = SaleOrder.search(order_domain, limit=200)
            ticket.suitable_sale_order_ids = orders
            lines = (ticket.sale_order_id.sudo() or orders).order_line
            ticket.suitable_product_ids = (
                lines.product_id.filtered(lambda p: p.type != "service")
                or lines.product_id
            )
            lot_domain = Domain(
                [
                    ("state", "=", "done"),
                    ("lot_id", "!=", False),
                    ("location_dest_id.usage", "=", "customer"),
                    (
                        "move_id.partner_id.commercial_partner_id",
                        "=",
                        partner.id,
                    ),
                ]
            ) | Domain(
                [
                    ("state", "=", "done"),
                    ("lot_id", "!=", False),
                    ("location_dest_id.usage", "=", "customer"),
                    ("picking_id.partner_id.commercial_partner_id", "=", partner.id),
                ]
            )
            if ticket.product_id:
                lot_domain &= Domain("product_id", "=", ticket.product_id.id)
            ticket.suitable_lot_ids = MoveLine.search(lot_domain, limit=500).lot_id

    @api.constrains("sale_order_id", "product_id", "lot_id", "partner_id", "company_id")
    def _check_after_sale_fields(self):
        for ticket in self.filtered(lambda t: t.sale_order_id or t.lot_id):
            order = ticket.sale_order_id.sudo()
            if order and (
                order.partner_id.commercial_partner_id != ticket.commercial_partner_id
                or (ticket.company_id and order.company_id != ticket.company_id)
            ):
                raise ValidationError(
                    self.env._(
                        "The order %(order)s is not one of %(customer)s's (or of "
                        "this company).",
                        order=order.name,
                        customer=ticket.commercial_partner_id.display_name
                        or self.env._("the customer"),
                    )
                )
            if ticket.lot_id and ticket.lot_id not in ticket.suitable_lot_ids:
                raise ValidationError(
                    self.env._(
                        "The lot %(lot)s was not delivered to %(customer)s.",
                        lot=ticket.lot_id.name,
                        customer=ticket.commercial_partner_id.display_name
                        or self.env._("the customer"),
                    )
                )

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        product = self.product_id._origin
        if product and product not in self.suitable_product_ids._origin:
            self.product_id = False

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.lot_id and self.lot_id.product_id != self.product_id._origin:
            self.lot_id = False

    @api.model
    def _after_sale_choice_domain(self, model_name):
        """For an agent without rights on ``model_name`` (orders, lots,
        deliveries) choosing one for a ticket (context
        ``helpdesk_after_sale_ticket_id``): the records the ticket allows, to
        search as superuser. None: the usual search applies."""
        ticket_id = self.env.context.get("helpdesk_after_sale_ticket_id")
        if not isinstance(ticket_id, int) or self.env[model_name].has_access("read"):
            return None
        ticket = self.browse(ticket_id).exists()
        if not ticket:
            return None
        ticket.check_access("write")
        if model_name == "sale.order":
            allowed = ticket.suitable_sale_order_ids
        elif model_name == "stock.lot":
            allowed = ticket.suitable_lot_ids
        elif model_name == "account.move":
            allowed = (
                self.env["account.move"]
                .sudo()
                .search(ticket._after_sale_invoice_domain())
            )
        elif model_name == "loyalty.program":
            allowed = ticket._coupon_programs()
        elif model_name == "project.project":
            allowed = ticket._task_projects()
        elif model_name == "stock.picking":
            # the customer's deliveries (to return) and the ticket's own returns
            # (to repair)
            allowed = (
                self.env["stock.picking"]
                .sudo()
                .search(ticket._after_sale_delivery_domain())
                | ticket.sudo().picking_ids
            )
        else:
            return None
        return Domain("id", "in", allowed.ids)

    # ------------------------------------------------------------------ shared
    def _after_sale_counts(self, model_name):
        """{ticket: number of ``model_name`` records made from it}, in one
        grouped read for the batch."""
        counts = {}
        if self.ids:
            counts = dict(
                self.env[model_name]
                .sudo()
                ._read_group(
                    [("helpdesk_ticket_id", "in", self.ids)],
                    ["helpdesk_ticket_id"],
                    ["__count"],
                )
            )
        return {ticket: counts.get(ticket._origin, 0) for ticket in self}

    def _check_after_sale_allowed(self, enabled, title):
        """The agent may change the ticket and its team does the after-sales
        action ``title`` (``enabled``): checked before anything runs as
        superuser."""
        self.ensure_one()
        self.check_access("write")
        if not self.active:
            raise UserError(
                self.env._(
                    "The ticket %(ticket)s is archived (merged or converted to a "
                    "task): act from the ticket or task it points to.",
                    ticket=self.display_name,
                )
            )
        if not enabled:
            raise UserError(
                self.env._("The team of this ticket does not do %(what)s.", what=title)
            )

    def _after_sale_wizard_action(self, enabled, possible, refusal, wizard, title):
        """Open the after-sales ``wizard`` on the ticket, once it is allowed
        (``_check_after_sale_allowed``) and the customer has something to act
        on (``possible``, else ``refusal``)."""
        self._check_after_sale_allowed(enabled, title)
        if not possible:
            raise UserError(refusal)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": wizard,
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _after_sale_records_action(self, model_name, title, context=None):
        """The ``model_name`` records made from the ticket; for users without
        the app's rights, their reference and state (read-only)."""
        self.ensure_one()
        Model = self.env[model_name]
        if not Model.has_access("read"):
            # agents without the app's rights see what was made, read-only
            self.check_access("read")
            return {
                "type": "ir.actions.act_window",
                "name": title,
                "res_model": "helpdesk.ticket.after.sale",
                "domain": [("ticket_id", "=", self.id), ("res_model", "=", model_name)],
                "views": [(False, "list"), (False, "form")],
                "context": {"create": False},
            }
        records = Model.search([("helpdesk_ticket_id", "=", self.id)])
        action = {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": model_name,
            "domain": [("id", "in", records.ids)],
            "views": [(False, "list"), (False, "form")],
            "context": {"create": False, **(context or {})},
        }
        if len(records) == 1:
            action.update(res_id=records.id, views=[(False, "form")])
        return action

    def _post_after_sale_note(self, what, records, detail=""):
        """Say in the ticket's history what an after-sales action made."""
        self.ensure_one()
        links = Markup(", ").join(record._get_html_link() for record in records)
        body = Markup("<p><b>%s</b>: %s</p>") % (what, links)
        if detail:
            body += Markup("<p>%s</p>") % detail
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _customer_label(self):
        return self.commercial_partner_id.display_name or self.env._("The customer")

    # ------------------------------------------------------------------ repairs
    def _compute_repairs_count(self):
        counts = self._after_sale_counts("repair.order")
        for ticket in self:
            ticket.repairs_count = counts[ticket]

    def action_open_repair_wizard(self):
        """A repair order for the ticket's product: our wizard, which creates
        Odoo's repair order."""
        return self._after_sale_wizard_action(
            self.use_product_repairs,
            bool(self.partner_id),
            self.env._("A repair needs the ticket's customer."),
            "helpdesk.ticket.repair",
            self.env._("Repairs"),
        )

    def action_view_repairs(self):
        return self._after_sale_records_action(
            "repair.order",
            self.env._("Repairs of %(ticket)s", ticket=self.display_name),
        )

    # ------------------------------------------------------------------ coupons
    def _coupon_programs(self):
        """The coupon programs open to the ticket's company (sudo)."""
        self.ensure_one()
        domain = Domain("program_type", "=", "coupons") & Domain("active", "=", True)
        if self.company_id:
            domain &= Domain("company_id", "in", [self.company_id.id, False])
        return self.env["loyalty.program"].sudo().search(domain)

    def _default_coupon_program(self):
        """The program a coupon of the ticket comes from: the team's default
        when open to the ticket's company, else the first one (sudo)."""
        if not self:
            return self.env["loyalty.program"]
        programs = self._coupon_programs()
        default = self.team_id.sudo().coupon_program_id
        return default if default in programs else programs[:1]

    def _compute_coupons_count(self):
        counts = self._after_sale_counts("loyalty.card")
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search([("helpdesk_ticket_id", "in", self.ids)])
            if self.ids
            else self.env["loyalty.card"]
        )
        for ticket in self:
            ticket.coupons_count = counts[ticket]
            ticket.coupon_codes = ", ".join(
                card._helpdesk_code_label()
                for card in cards
                if card.helpdesk_ticket_id == ticket._origin
            )

    def action_open_coupon_wizard(self):
        """One coupon for the ticket's customer: our wizard, which drives Odoo's
        coupon generation."""
        return self._after_sale_wizard_action(
            self.use_coupons,
            bool(self.partner_id) and bool(self._coupon_programs()),
            self.env._("A coupon needs a customer on the ticket and a coupon program."),
            "helpdesk.ticket.coupon",
            self.env._("Coupons"),
        )

    def _send_coupon(self, coupon):
        """The coupon's code and expiry to the customer, in their language, in
        the ticket's conversation (queued)."""
        self.ensure_one()
        customer = self.partner_id
        ticket = self.with_context(lang=customer.lang or self.env.lang)
        env = ticket.env
        body = Markup("<p>%s</p><p><b>%s</b></p>") % (
            env._(
                "We are sorry for the trouble: here is a coupon for your next "
                "order with us."
            ),
            coupon.code,
        )
        if coupon.expiration_date:
            body += Markup("<p>%s</p>") % env._(
                "Valid until %(date)s.", date=format_date(env, coupon.expiration_date)
            )
        ticket.with_context(mail_notify_force_send=False).message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=customer.ids,
        )
        self._wake_mail_queue()

    def action_view_coupons(self):
        return self._after_sale_records_action(
            "loyalty.card",
            self.env._("Coupons of %(ticket)s", ticket=self.display_name),
        )

    # ------------------------------------------------------------------ refunds
    def _compute_invoices_count(self):
        counts = self._after_sale_counts("account.move")
        for ticket in self:
            ticket.invoices_count = counts[ticket]

    @api.depends("commercial_partner_id", "company_id", "sale_order_id", "product_id")
    def _compute_has_refundable_invoice(self):
        Move = self.env["account.move"].sudo()
        for ticket in self:
            ticket.has_refundable_invoice = bool(
                ticket.use_credit_notes
                and ticket.commercial_partner_id
                and Move.search_count(ticket._after_sale_invoice_domain(), limit=1)
            )

    def action_open_refund_wizard(self):
        """Refund one of the customer's posted invoices: our wizard, which
        drives Odoo's own reversal wizard."""
        return self._after_sale_wizard_action(
            self.use_credit_notes,
            self.has_refundable_invoice,
            self.env._(
                "%(customer)s has no posted invoice to refund.",
                customer=self._customer_label(),
            ),
            "helpdesk.ticket.refund",
            self.env._("Refunds"),
        )

    def action_view_invoices(self):
        return self._after_sale_records_action(
            "account.move",
            self.env._("Credit Notes of %(ticket)s", ticket=self.display_name),
            {"default_move_type": "out_refund"},
        )

    # ------------------------------------------------------------------ returns
    def _compute_pickings_count(self):
        counts = self._after_sale_counts("stock.picking")
        for ticket in self:
            ticket.pickings_count = counts[ticket]

    @api.depends("commercial_partner_id", "company_id", "sale_order_id")
    def _compute_has_returnable_delivery(self):
        Picking = self.env["stock.picking"].sudo()
        for ticket in self:
            ticket.has_returnable_delivery = bool(
                ticket.use_product_returns
                and ticket.commercial_partner_id
                and Picking.search_count(ticket._after_sale_delivery_domain(), limit=1)
            )

    def action_open_return_wizard(self):
        """Take products back (or exchange them) on one of the customer's
        deliveries: our wizard, which drives Odoo's own return wizard."""
        return self._after_sale_wizard_action(
            self.use_product_returns,
            self.has_returnable_delivery,
            self.env._(
                "%(customer)s has no delivery done to return.",
                customer=self._customer_label(),
            ),
            "helpdesk.ticket.return",
            self.env._("After-Sales: Return, Exchange, Coupon")
            if self.use_coupons and self.use_product_returns
            else self.env._("Returns"),
        )

    def action_view_pickings(self):
        return self._after_sale_records_action(
            "stock.picking",
            self.env._("Returns of %(ticket)s", ticket=self.display_name),
        )

    # ------------------------------------------------------------------ tasks
    def _compute_tasks_count(self):
        counts = self._after_sale_counts("project.task")
        for ticket in self:
            ticket.tasks_count = counts[ticket]

    def _task_projects(self):
        """The projects a ticket's task may go to: those of the ticket's
        company (sudo)."""
        self.ensure_one()
        domain = Domain("active", "=", True)
        if self.company_id:
            domain &= Domain("company_id", "in", [self.company_id.id, False])
        return self.env["project.project"].sudo().search(domain)

    def action_open_task_wizard(self):
        """Hand the ticket's work over to a project: our wizard creates the task
        (or converts the ticket into it)."""
        return self._after_sale_wizard_action(
            self.use_project_tasks,
            bool(self._task_projects()),
            self.env._("There is no project to hand the ticket over to."),
            "helpdesk.ticket.task",
            self.env._("Project Tasks"),
        )

    def action_view_tasks(self):
        return self._after_sale_records_action(
            "project.task",
            self.env._("Tasks of %(ticket)s", ticket=self.display_name),
        )

    def _prepare_task_values(self, project, name, description):
        """The values of the task made from the ticket (a hook)."""
        self.ensure_one()
        assignee = self.user_id if self.user_id and not self.user_id.share else None
        values = {
            "name": name,
            "project_id": project.id,
            "company_id": project.company_id.id or self.company_id.id,
            "partner_id": self.partner_id.id,
            "description": description,
            "user_ids": [fields.Command.set(assignee.ids)] if assignee else [],
            "helpdesk_ticket_id": self.id,
        }
        # with ticket billing (helpdesk_timesheet): time logged on the task goes
        # on the customer's line the ticket's time went to
        line = self.sudo()["sale_line_id"] if "sale_line_id" in self._fields else None
        if line and "sale_line_id" in self.env["project.task"]._fields:
            values["sale_line_id"] = line.id
        return values

    def _copy_attachments_to(self, record):
        """The ticket's own files (not those of its messages) copied onto
        ``record``."""
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", False),
                ]
            )
        )
        for attachment in attachments:
            attachment.copy({"res_model": record._name, "res_id": record.id})

    def _move_conversation_to(self, record):
        """The ticket's messages, files, activities and internal followers move
        to ``record``: the conversation (and replies to it by e-mail) goes on
        there."""
        self.ensure_one()
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "=", self.id)]
        ).write({"model": record._name, "res_id": record.id})
        self.env["ir.attachment"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("res_field", "=", False),
            ]
        ).write({"res_model": record._name, "res_id": record.id})
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        ).write(
            {
                "res_model_id": self.env["ir.model"]._get_id(record._name),
                "res_id": record.id,
            }
        )
        internal = self.message_partner_ids.filtered(
            lambda p: p.user_ids and not all(p.user_ids.mapped("share"))
        )
        record.sudo().message_subscribe(partner_ids=internal.ids)

    # ------------------------------------------------------------------ portal
    def _portal_after_sale_values(self):
        """What the customer sees of the returns, replacement deliveries,
        repairs, credit notes and coupons of the ticket: what, reference, state,
        date (nothing internal: no task, no note, no cost); their own invoices
        and credit notes link to their portal page."""
        self.ensure_one()
        rows = (
            self.env["helpdesk.ticket.after.sale"]
            .sudo()
            .search(
                Domain("ticket_id", "=", self.id)
                & Domain("kind", "in", PORTAL_KINDS)
                # a draft credit note is not issued yet
                & ~(
                    Domain("res_model", "=", "account.move")
                    & Domain("state", "=", "draft")
                )
            )
        )
        kinds = dict(rows._fields["kind"]._description_selection(self.env))
        documents = rows._documents_by_model()
        customer = self.commercial_partner_id
        entries = []
        for row in rows:
            url = ""
            if row.res_model == "account.move":
                move = documents[row.res_model].browse(row.res_id)
                if move.commercial_partner_id == customer:
                    url = move.get_portal_url()
            entries.append(
                {
                    "date": row.date,
                    "kind": kinds.get(row.kind, ""),
                    "name": row.name,
                    "state": row.state_label,
                    "product": row.product_id.display_name or "",
                    "url": url,
                }
            )
        return entries

    # ------------------------------------------------------------------ demo data
    @api.model
    def _after_sale_demo_fulfil(self, order_xmlids):
        """Demo data only: deliver the confirmed demo orders (their products are
        in stock) and post their invoices, so that the demo tickets have
        something to take back and to refund."""
        for xmlid in order_xmlids:
            order = self.env.ref(xmlid, raise_if_not_found=False)
            if not order:
                continue
            for picking in order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel")
            ):
                picking.action_assign()
                for move in picking.move_ids:
                    move.quantity = move.product_uom_qty
                picking.move_ids.picked = True
                picking.with_context(
                    skip_backorder=True, skip_sms=True
                ).button_validate()
            if order.invoice_status == "to invoice":
                order._create_invoices().action_post()

    @api.model
    def _after_sale_demo_exchange(self, ticket_xmlid):
        """Demo data only: the ticket's product exchanged (one taken back, a
        replacement sent) with a courtesy coupon, and the returned one sent to
        repair under warranty, through the agents' dialogs."""
        ticket = self.env.ref(ticket_xmlid, raise_if_not_found=False)
        if not ticket or ticket.picking_ids:
            return
        wizard = self.env["helpdesk.ticket.return"].create(
            {"ticket_id": ticket.id, "offer_coupon": True}
        )
        for line in wizard.line_ids:
            line.quantity = 1.0 if line.product_id == ticket.product_id else 0.0
        wizard.action_exchange()
        self.env["helpdesk.ticket.repair"].create(
            {"ticket_id": ticket.id, "under_warranty": True}
        ).action_create()

    @api.model
    def _after_sale_demo_task(self, ticket_xmlid):
        """Demo data only: the ticket's work handed over to a project task."""
        ticket = self.env.ref(ticket_xmlid, raise_if_not_found=False)
        if ticket and not ticket.task_ids:
            self.env["helpdesk.ticket.task"].create(
                {"ticket_id": ticket.id}
            ).action_create()
