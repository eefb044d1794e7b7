# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# {{1}}, {{ 2 }}, {{customer_name}}: a WhatsApp template's variables
VARIABLE = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")


class HelpdeskChannelTemplate(models.Model):
    """A message template approved by WhatsApp: the only message a business may
    send outside the 24-hour customer-service window."""

    _name = "helpdesk.channel.template"
    _description = "Helpdesk Messenger Template"
    _order = "channel_id, name, language"

    channel_id = fields.Many2one(
        "helpdesk.channel",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('provider', '=', 'whatsapp')]",
    )
    name = fields.Char(
        string="Template Name",
        required=True,
        help="The template's name as approved in WhatsApp Manager.",
    )
    language = fields.Char(
        required=True, default="en", help="Its language code (en, ru, uk, en_US...)."
    )
    body = fields.Text(
        help="What the template says, its variables in double braces ({{1}}, "
        "{{2}}...), as approved."
    )
    variable_ids = fields.One2many(
        "helpdesk.channel.template.variable",
        "template_id",
        string="Variables",
        help="What fills each variable of the body when an agent sends it.",
    )
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint(
        "UNIQUE(channel_id, name, language)",
        "A template is listed once per channel and language.",
    )

    @api.constrains("channel_id")
    def _check_channel(self):
        if self.filtered(lambda t: t.channel_id.provider != "whatsapp"):
            raise ValidationError(
                self.env._("Message templates are for WhatsApp channels.")
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not (default or {}).get("name"):
            for template, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%(name)s (copy)", name=template.name)
        return vals_list

    @api.depends("name", "language")
    def _compute_display_name(self):
        for template in self:
            template.display_name = (
                f"{template.name} ({template.language})"
                if template.language
                else template.name
            )

    @api.onchange("body")
    def _onchange_body(self):
        """The variable lines follow the body as it is typed."""
        Variable = self.env["helpdesk.channel.template.variable"]
        lines = Variable
        for line in self._variable_plan(self.variable_ids):
            lines |= Variable.new(line) if isinstance(line, dict) else line
        self.variable_ids = lines

    def _variable_plan(self, lines):
        """Each variable of the body, in order: its line among ``lines`` (put
        in its place), or the values of a new line with a guessed filling."""
        Variable = self.env["helpdesk.channel.template.variable"]
        by_name = {line.name: line for line in lines}
        for position, name in enumerate(self._variable_names(self.body), start=1):
            line = by_name.get(name)
            if line:
                line.sequence = position
                yield line
            else:
                yield {
                    "name": name,
                    "sequence": position,
                    "source": Variable._guess_source(name, position),
                }

    def _odoo_lang(self):
        """The installed language of the template's language code (ru, uk,
        en_US, pt_BR...), or False."""
        self.ensure_one()
        return self.env["helpdesk.channel"]._guess_lang(self.language)

    @api.model
    def _variable_names(self, body):
        """The variables of ``body``, in order of first appearance."""
        return list(dict.fromkeys(VARIABLE.findall(body or "")))

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates._sync_variables()
        return templates

    def write(self, vals):
        res = super().write(vals)
        if "body" in vals:
            self._sync_variables()
        return res

    def _sync_variables(self):
        """One variable line per variable of the body: new ones get a guessed
        filling, those no longer in the body go, the others keep theirs."""
        Variable = self.env["helpdesk.channel.template.variable"].sudo()
        to_create, to_unlink = [], Variable
        for template in self:
            lines = template.sudo().variable_ids
            kept = Variable
            for line in template._variable_plan(lines):
                if isinstance(line, dict):
                    to_create.append({**line, "template_id": template.id})
                else:
                    kept |= line
            to_unlink |= lines - kept
        to_unlink.unlink()
        Variable.create(to_create)

    def _render(self, values):
        """The body with ``values`` ({variable: text}) in place of its
        variables."""
        self.ensure_one()
        return VARIABLE.sub(
            lambda match: values.get(match.group(1), match.group(0)), self.body or ""
        )
