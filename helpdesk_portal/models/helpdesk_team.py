# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

PORTAL_VISIBILITY = [
    ("followers", "Customer and invited followers"),
    ("company", "Whole customer company"),
]


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    portal_visibility = fields.Selection(
        PORTAL_VISIBILITY,
        default="followers",
        required=True,
        help="Who sees a ticket of this team on the customer portal:\n"
        "- Customer and invited followers: the customer of the ticket and the "
        "people following it;\n"
        "- Whole customer company: also every portal user of the customer's company.",
    )
    use_portal_submission = fields.Boolean(
        string="Tickets from the Portal",
        default=True,
        help="Signed-in customers can open tickets for this team from their portal.",
    )
    use_public_form = fields.Boolean(
        string="Public Ticket Form",
        help="Anyone can open a ticket for this team from a public web form, "
        "without an account.",
    )
    public_form_url = fields.Char(
        string="Public Form URL", compute="_compute_public_form_url"
    )
    allow_portal_priority = fields.Boolean(
        string="Customers Set the Priority",
        help="The portal and public forms let the customer choose the priority.",
    )
    # the name this option has on the portal side (Odoo Enterprise's is use_rating)
    use_portal_rating = fields.Boolean(
        related="use_rating", readonly=False, string="Ratings (Portal Name)"
    )
    use_website_helpdesk_form = fields.Boolean(
        related="use_public_form",
        readonly=False,
        string="Website Form",
        help="Same as Public Ticket Form (name used by Odoo Enterprise).",
    )
    # the name this option had before it moved to helpdesk_base (replies by
    # e-mail reopen tickets too)
    portal_reopen_days = fields.Integer(
        related="reopen_days", readonly=False, string="Reopen Within (Days, Portal)"
    )

    portal_closing_stage_ids = fields.Many2many(
        "helpdesk.stage",
        string="Closing Stages for Customers",
        compute="_compute_portal_closing_stage_ids",
        help="The team's closing stages marked Closable by Customers (on the stage).",
    )

    deflection_rate = fields.Float(
        string="Deflection (%)",
        compute="_compute_deflection",
        help="Over the last 30 days, the share of the sessions shown article "
        "suggestions on this team's forms that opened an article and sent no ticket.",
    )
    deflection_count = fields.Integer(
        string="Deflected Requests", compute="_compute_deflection"
    )

    def _compute_deflection(self):
        figures = (
            self.env["helpdesk.article.suggestion"].sudo()._deflection_by_team(self)
        )
        for team in self:
            shown, deflected = figures.get(team, (0, 0))
            team.deflection_count = deflected
            team.deflection_rate = 100.0 * deflected / shown if shown else 0.0

    def action_view_deflection(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_portal.helpdesk_article_suggestion_action"
        )
        action["domain"] = [("team_id", "=", self.id)]
        return action

    @api.depends("stage_ids.is_customer_closable", "stage_ids.is_closed")
    def _compute_portal_closing_stage_ids(self):
        for team in self:
            team.portal_closing_stage_ids = team.stage_ids.filtered(
                lambda stage: stage.is_closed and stage.is_customer_closable
            )

    @api.depends("use_public_form")
    def _compute_public_form_url(self):
        for team in self:
            team.public_form_url = (
                f"{team.get_base_url()}/helpdesk/{team.id}"
                if team.id and team.use_public_form
                else False
            )

    # ------------------------------------------------------------------ portal
    @api.model
    def _portal_submission_teams(self, user=None):
        """Teams ``user`` (by default the current user) may open tickets for from
        the portal (sudo): none for the public user."""
        user = user or self.env.user
        if user._is_public():
            return self.browse()
        return self.sudo().search(
            [
                ("use_portal_submission", "=", True),
                ("company_id", "in", user.company_ids.ids),
            ]
        )

    def _portal_has_public_form(self):
        """Whether anyone may open a ticket for this team from its public form."""
        return bool(len(self) == 1 and self.active and self.use_public_form)
