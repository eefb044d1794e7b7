# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class HelpdeskTicketMerge(models.TransientModel):
    _name = "helpdesk.ticket.merge"
    _description = "Merge Helpdesk Tickets"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Tickets", required=True)
    target_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Keep",
        required=True,
        domain="[('id', 'in', ticket_ids)]",
        help="Messages, attachments and followers of the other tickets move to this "
        "one; the others are archived and linked to it.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "helpdesk.ticket":
            tickets = (
                self.env["helpdesk.ticket"]
                .browse(self.env.context.get("active_ids", []))
                .exists()
            )
            res["ticket_ids"] = [fields.Command.set(tickets.ids)]
            if tickets:
                res["target_ticket_id"] = tickets.sorted("id")[0].id
        return res

    def action_merge(self):
        self.ensure_one()
        if len(self.ticket_ids) < 2:
            raise UserError(self.env._("Select at least two tickets to merge."))
        if self.target_ticket_id not in self.ticket_ids:
            raise UserError(
                self.env._("The ticket to keep must be one of the merged tickets.")
            )
        self.ticket_ids.check_access("write")
        target = self.ticket_ids._merge_into(self.target_ticket_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": target.id,
            "view_mode": "form",
            "target": "current",
        }
