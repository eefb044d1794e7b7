# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTeam(models.Model):
    _inherit = "helpdesk.team"

    use_product_returns = fields.Boolean(
        string="Returns",
        help="Agents take products back (and send replacements) from the team's "
        "tickets, on the customer's deliveries.",
    )
    use_credit_notes = fields.Boolean(
        string="Refunds",
        help="Agents refund the customer's posted invoices from the team's tickets "
        "(a credit note, or a credit note and a corrected invoice).",
    )
    use_product_repairs = fields.Boolean(
        string="Repairs",
        help="Agents open repair orders from the team's tickets, for the product "
        "the customer sent back.",
    )
    use_coupons = fields.Boolean(
        string="Coupons",
        help="Agents offer the customer a coupon from the team's tickets (a program "
        "of coupons, sent by e-mail).",
    )
    coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Default Coupon Program",
        domain="[('program_type', '=', 'coupons'), "
        "('company_id', 'in', [company_id, False])]",
        help="The program a ticket's coupon comes from by default.",
    )
    use_project_tasks = fields.Boolean(
        string="Project Tasks",
        help="Agents hand work over to a project from the team's tickets: a task "
        "linked to the ticket, or the ticket converted into a task.",
    )
    task_project_id = fields.Many2one(
        "project.project",
        string="Default Project",
        domain="[('company_id', 'in', [company_id, False])]",
        help="The project a ticket's task goes to by default.",
    )

    @api.constrains("task_project_id", "company_id")
    def _check_task_project_company(self):
        for team in self.filtered("task_project_id"):
            project = team.task_project_id.sudo()
            if team.company_id and project.company_id not in (
                team.company_id,
                self.env["res.company"],
            ):
                raise ValidationError(
                    self.env._(
                        "The project %(project)s belongs to another company than "
                        "the team %(team)s.",
                        project=project.display_name,
                        team=team.display_name,
                    )
                )
