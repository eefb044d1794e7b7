# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class HelpdeskChannelTemplateVariable(models.Model):
    """A variable of an approved template (``{{1}}``, ``{{customer_name}}``)
    and what fills it when an agent sends the template from a ticket."""

    _name = "helpdesk.channel.template.variable"
    _description = "Helpdesk Messenger Template Variable"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "helpdesk.channel.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Variable",
        required=True,
        help="As written in the template between double braces: 1, 2... or a name.",
    )
    source = fields.Selection(
        [
            ("partner_name", "Customer Name"),
            ("ticket_ref", "Ticket Reference"),
            ("ticket_name", "Ticket Title"),
            ("stage", "Ticket Stage"),
            ("team", "Team"),
            ("agent", "Assigned Agent"),
            ("company", "Company"),
            ("free", "Typed by the Agent"),
        ],
        string="Filled With",
        required=True,
        default="free",
    )
    default_value = fields.Char(
        help="What the agent finds typed in when the variable is typed by the agent."
    )

    _name_unique = models.Constraint(
        "UNIQUE(template_id, name)", "A variable is listed once per template."
    )

    @api.model
    def _guess_source(self, name, position):
        """A sensible filling for a new variable: the customer's name first,
        the ticket's reference second (``{{1}}``, ``{{2}}``), or by its name."""
        name = (name or "").lower()
        if name.isdigit():
            return {1: "partner_name", 2: "ticket_ref"}.get(position, "free")
        for words, source in (
            (("subject", "title", "ticket_name"), "ticket_name"),
            (("agent", "manager", "operator", "engineer"), "agent"),
            (("company", "shop", "business", "store"), "company"),
            (("team", "department"), "team"),
            (("status", "stage"), "stage"),
            (("ticket", "ref", "number", "order", "request"), "ticket_ref"),
            (("customer", "client", "first_name", "name"), "partner_name"),
        ):
            if any(word in name for word in words):
                return source
        return "free"

    def _value(self, ticket):
        """The variable's value for ``ticket``, in the template's language
        (a stage's name...)."""
        self.ensure_one()
        lang = self.template_id._odoo_lang()
        ticket = ticket.sudo().with_context(lang=lang) if lang else ticket.sudo()
        values = {
            "partner_name": ticket.partner_id.name
            or ticket.channel_contact_id.name
            or "",
            "ticket_ref": ticket.ticket_ref or str(ticket.id),
            "ticket_name": ticket.name or "",
            "stage": ticket.stage_id.name or "",
            "team": ticket.team_id.name or "",
            "agent": ticket.user_id.name or self.env.user.name,
            "company": ticket.company_id.name or "",
        }
        return values.get(self.source, self.default_value or "")
