# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskAfterSaleRecord(models.AbstractModel):
    """A record made from a helpdesk ticket (a return, a credit note...)."""

    _name = "helpdesk.after.sale.record"
    _description = "Made from a Helpdesk Ticket"

    helpdesk_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Helpdesk Ticket",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        help="The ticket this record was made from.",
    )

    def _helpdesk_after_sale_states(self):
        """{(model, id): the state said to the agent and the customer}, in the
        user's language: the label of the record's ``state`` by default."""
        field = self._fields.get("state")
        if field is None or field.type != "selection":
            return {}
        labels = dict(field._description_selection(self.env))
        return {
            (record._name, record.id): labels.get(record.state, "") for record in self
        }

    def action_open_helpdesk_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": self.helpdesk_ticket_id.id,
            "views": [(False, "form")],
        }
