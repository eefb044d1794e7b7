# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketRefund(models.TransientModel):
    """Refund posted invoices of the ticket's customer. It fills and runs Odoo's
    own reversal wizard (``account.move.reversal``) as superuser after checking
    what the agent may do: agents refund without Invoicing rights, only their
    tickets' customers' posted invoices, in the ticket's company."""

    _name = "helpdesk.ticket.refund"
    _description = "Refund Invoices from a Ticket"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade")
    allowed_move_ids = fields.Many2many(
        "account.move", compute="_compute_allowed_move_ids", compute_sudo=True
    )
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        compute="_compute_move_id",
        store=True,
        readonly=False,
        domain="[('id', 'in', allowed_move_ids)]",
    )
    reason = fields.Char(compute="_compute_reason", store=True, readonly=False)
    date = fields.Date(string="Refund Date", default=fields.Date.context_today)

    @api.depends("ticket_id")
    def _compute_allowed_move_ids(self):
        Move = self.env["account.move"].sudo()
        for wizard in self:
            wizard.allowed_move_ids = (
                Move.search(wizard.ticket_id._after_sale_invoice_domain())
                if wizard.ticket_id
                else Move
            )

    @api.depends("ticket_id")
    def _compute_move_id(self):
        """The most recent invoice of the ticket's order / product."""
        for wizard in self:
            wizard.move_id = wizard.allowed_move_ids.sorted(
                lambda m: (m.invoice_date or m.date, m.id), reverse=True
            )[:1]

    @api.depends("ticket_id")
    def _compute_reason(self):
        for wizard in self:
            ticket = wizard.ticket_id
            wizard.reason = ticket and f"{ticket.ticket_ref}: {ticket.name}"

    def _check_request(self):
        self.ensure_one()
        ticket = self.ticket_id
        ticket._check_after_sale_allowed(ticket.use_credit_notes, self.env._("Refunds"))
        moves = self.move_id.sudo()
        if not moves:
            raise UserError(self.env._("Choose the invoice to refund."))
        draft = moves.filtered(lambda m: m.state != "posted")
        if draft:
            raise UserError(
                self.env._(
                    "Only posted invoices can be refunded: %(invoices)s is not "
                    "posted (a draft invoice is simply edited or cancelled).",
                    invoices=", ".join(draft.mapped("display_name")),
                )
            )
        reversed_moves = moves.filtered(lambda m: m.payment_state == "reversed")
        if reversed_moves:
            raise UserError(
                self.env._(
                    "%(invoices)s is already refunded in full.",
                    invoices=", ".join(reversed_moves.mapped("display_name")),
                )
            )
        pending = moves.reversal_move_ids.filtered(lambda m: m.state == "draft")
        if pending:
            raise UserError(
                self.env._(
                    "A credit note for this invoice is waiting to be confirmed "
                    "(%(credit_notes)s): confirm or delete it first.",
                    credit_notes=", ".join(
                        pending.mapped(lambda m: m.name or m.display_name)
                    ),
                )
            )
        foreign = moves - self.allowed_move_ids
        if foreign:
            raise UserError(
                self.env._(
                    "%(invoices)s: not a posted invoice of %(customer)s in this "
                    "company.",
                    invoices=", ".join(foreign.mapped("display_name")),
                    customer=ticket.commercial_partner_id.display_name
                    or self.env._("the customer"),
                )
            )
        return moves

    def _run(self, modify):
        moves = self._check_request()
        ticket = self.ticket_id
        before = moves.reversal_move_ids
        core = (
            self.env["account.move.reversal"]
            .sudo()
            .with_company(moves.company_id)
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(
                {
                    "move_ids": [fields.Command.set(moves.ids)],
                    "reason": self.reason,
                    "date": self.date,
                    "journal_id": moves.journal_id[:1].id,
                }
            )
        )
        action = core.modify_moves() if modify else core.refund_moves()
        credit_notes = moves.reversal_move_ids - before
        made = credit_notes | core.new_move_ids
        made.write({"helpdesk_ticket_id": ticket.id})
        ticket._post_after_sale_note(
            self.env._("Refund and new invoice") if modify else self.env._("Refund"),
            made,
            self.reason or "",
        )
        if self.env["account.move"].has_access("read"):
            return action
        return {"type": "ir.actions.act_window_close"}

    def action_refund(self):
        """A draft credit note (edit it for a partial refund)."""
        self.ensure_one()
        return self._run(modify=False)

    def action_refund_and_invoice(self):
        """The invoice reversed in full, and a new draft invoice to correct."""
        self.ensure_one()
        return self._run(modify=True)
