# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# (source table, model, id offset) of what a ticket makes; the id of a row is
# the source's id * 8 + the offset: stable, unique.
_KINDS = [
    ("return", "Return"),
    ("delivery", "Replacement Delivery"),
    ("repair", "Repair"),
    ("credit_note", "Credit Note"),
    ("invoice", "Invoice"),
    ("coupon", "Coupon"),
    ("task", "Task"),
]
# what the customer sees on the portal (tasks are internal)
PORTAL_KINDS = ("return", "delivery", "repair", "credit_note", "invoice", "coupon")


class HelpdeskTicketAfterSale(models.Model):
    """Everything made from a ticket (returns, replacement deliveries, repairs,
    credit notes, coupons, project tasks) in one read-only list: its reference
    and state, for the agents of the ticket (without the rights of Inventory,
    Invoicing, Repair, Sales or Project) and for the customer's portal page."""

    _name = "helpdesk.ticket.after.sale"
    _description = "Made from a Helpdesk Ticket"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    _depends = {
        "stock.picking": [
            "helpdesk_ticket_id",
            "company_id",
            "picking_type_id",
            "name",
            "state",
            "date_done",
            "scheduled_date",
        ],
        "stock.picking.type": ["code"],
        "stock.move": ["picking_id", "product_id"],
        "repair.order": [
            "helpdesk_ticket_id",
            "company_id",
            "name",
            "state",
            "schedule_date",
            "product_id",
            "lot_id",
            "under_warranty",
        ],
        "stock.lot": ["name"],
        "account.move": [
            "helpdesk_ticket_id",
            "company_id",
            "move_type",
            "name",
            "state",
            "invoice_date",
            "date",
        ],
        "loyalty.card": ["helpdesk_ticket_id", "company_id", "code"],
        "project.task": ["helpdesk_ticket_id", "company_id", "name", "state"],
    }

    ticket_id = fields.Many2one("helpdesk.ticket", string="Ticket", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    kind = fields.Selection(_KINDS, string="Type", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    name = fields.Char(string="Reference", readonly=True)
    state = fields.Char(
        string="Technical State", readonly=True, help="The document's own state value."
    )
    state_label = fields.Char(string="State", compute="_compute_state_label")
    date = fields.Date(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    lot_name = fields.Char(string="Lot/Serial Number", readonly=True)
    under_warranty = fields.Boolean(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT p.id * 8 + 1 AS id, p.helpdesk_ticket_id AS ticket_id,
                   p.company_id, CASE WHEN pt.code = 'incoming' THEN 'return'
                   ELSE 'delivery' END AS kind, 'stock.picking' AS res_model,
                   p.id AS res_id, p.name, p.state,
                   COALESCE(p.date_done, p.scheduled_date)::date AS date,
                   (SELECT MIN(sm.product_id) FROM stock_move sm
                     WHERE sm.picking_id = p.id
                    HAVING COUNT(DISTINCT sm.product_id) = 1) AS product_id,
                   NULL::varchar AS lot_name, FALSE AS under_warranty
              FROM stock_picking p
              JOIN stock_picking_type pt ON pt.id = p.picking_type_id
             WHERE p.helpdesk_ticket_id IS NOT NULL
            UNION ALL
            SELECT r.id * 8 + 2, r.helpdesk_ticket_id, r.company_id, 'repair',
                   'repair.order', r.id, r.name, r.state, r.schedule_date::date,
                   r.product_id, l.name, COALESCE(r.under_warranty, FALSE)
              FROM repair_order r
              LEFT JOIN stock_lot l ON l.id = r.lot_id
             WHERE r.helpdesk_ticket_id IS NOT NULL
            UNION ALL
            SELECT m.id * 8 + 3, m.helpdesk_ticket_id, m.company_id,
                   CASE WHEN m.move_type = 'out_refund' THEN 'credit_note'
                   ELSE 'invoice' END, 'account.move', m.id, m.name, m.state,
                   COALESCE(m.invoice_date, m.date), NULL, NULL, FALSE
              FROM account_move m
             WHERE m.helpdesk_ticket_id IS NOT NULL
            UNION ALL
            SELECT c.id * 8 + 4, c.helpdesk_ticket_id, c.company_id, 'coupon',
                   'loyalty.card', c.id, c.code, NULL, c.create_date::date, NULL,
                   NULL, FALSE
              FROM loyalty_card c
             WHERE c.helpdesk_ticket_id IS NOT NULL
            UNION ALL
            SELECT t.id * 8 + 5, t.helpdesk_ticket_id, t.company_id, 'task',
                   'project.task', t.id, t.name, t.state, t.create_date::date,
                   NULL, NULL, FALSE
              FROM project_task t
             WHERE t.helpdesk_ticket_id IS NOT NULL
            """
        )

    def _documents_by_model(self):
        """{model: the rows' documents of that model (sudo, existing)}."""
        ids_by_model = defaultdict(list)
        for row in self:
            ids_by_model[row.res_model].append(row.res_id)
        return {
            model: self.env[model].sudo().browse(ids).exists()
            for model, ids in ids_by_model.items()
        }

    @api.depends("res_model", "res_id", "state")
    def _compute_state_label(self):
        labels = {}
        for documents in self._documents_by_model().values():
            labels.update(documents._helpdesk_after_sale_states())
        for row in self:
            row.state_label = labels.get((row.res_model, row.res_id), "")

    def action_open_document(self):
        """The document itself, for users with its app's rights."""
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id).exists()
        if not document or not document.has_access("read"):
            raise UserError(
                self.env._(
                    "Opening %(name)s needs the rights of its app; its state is "
                    "shown here and in the ticket's history.",
                    name=self.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
        }
