# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class HelpdeskStage(models.Model):
    _name = "helpdesk.stage"
    _description = "Helpdesk Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="Tickets in a folded stage are hidden in the kanban until the column "
        "is opened.",
    )
    is_closed = fields.Boolean(
        string="Closing Stage",
        help="Tickets in this stage are solved: they count as closed in reports and "
        "their closing date is set. A new stage folded in the kanban is a closing "
        "stage unless said otherwise (as in Odoo Enterprise).",
    )
    team_ids = fields.Many2many(
        "helpdesk.team",
        "helpdesk_stage_team_rel",
        "stage_id",
        "team_id",
        string="Teams",
    )
    template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent to the customer when a ticket enters this stage.",
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain=[("model", "=", "helpdesk.ticket")],
        help="Sent by SMS to the customer when a ticket enters this stage.",
    )
    legend_normal = fields.Char(
        default=lambda s: s.env._("In Progress"), translate=True
    )
    legend_blocked = fields.Char(default=lambda s: s.env._("Blocked"), translate=True)
    legend_done = fields.Char(default=lambda s: s.env._("Ready"), translate=True)

    @api.onchange("fold")
    def _onchange_fold(self):
        """On a new stage, folding it makes it a closing stage by default (unfolding
        it again leaves what the user ticked)."""
        for stage in self.filtered(lambda s: not s._origin and s.fold):
            stage.is_closed = True

    @api.model_create_multi
    def create(self, vals_list):
        """Scripts written for Odoo Enterprise create folded stages to close
        tickets: a folded stage closes unless ``is_closed`` is given."""
        return super().create(
            [
                dict(vals, is_closed=bool(vals.get("fold")))
                if "is_closed" not in vals
                else vals
                for vals in vals_list
            ]
        )
