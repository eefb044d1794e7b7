# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class HelpdeskTicketChannelTemplateLine(models.TransientModel):
    """A variable of the template being sent, with its value for the ticket."""

    _name = "helpdesk.ticket.channel.template.line"
    _description = "Messenger Template Variable Value"

    wizard_id = fields.Many2one(
        "helpdesk.ticket.channel.template", required=True, ondelete="cascade"
    )
    name = fields.Char(string="Variable")
    source = fields.Selection(
        lambda self: self.env["helpdesk.channel.template.variable"]
        ._fields["source"]
        ._description_selection(self.env),
        string="Filled With",
    )
    value = fields.Char()
