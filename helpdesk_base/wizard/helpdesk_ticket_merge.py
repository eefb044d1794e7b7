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
    has_other_customers = fields.Boolean(
        compute="_compute_has_other_customers",
        help="The tickets do not all belong to the customer (the contact) of the "
        "kept ticket.",
    )
    subscribe_other_customers = fields.Boolean(
        string="Add the Other Customers as Followers",
        help="The customers of the other tickets follow the kept ticket: they receive "
        "its replies and see it on the portal. Off, their conversation moves as "
        "internal notes and they are not told anything more.",
    )

    @api.depends("ticket_ids", "target_ticket_id")
    def _compute_has_other_customers(self):
        for wizard in self:
            wizard.has_other_customers = bool(
                wizard.ticket_ids.partner_id - wizard.target_ticket_id.partner_id
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
                res["target_ticket_id"] = tickets._get_merge_default_target().id
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
        target = self.ticket_ids._merge_into(
            self.target_ticket_id,
            subscribe_other_customers=self.subscribe_other_customers,
        )
        # the tickets' own action (clean URL) in "main": a fresh breadcrumb, the
        # kept ticket is not shown as a child of what the wizard was opened from
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_base.helpdesk_ticket_action"
        )
        action.update(
            res_id=target.id,
            view_mode="form",
            views=[(False, "form")],
            target="main",
        )
        return action
