# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "helpdesk.after.sale.record"]

    def _helpdesk_after_sale_states(self):
        """The task's stage (what the team calls its progress)."""
        return {(task._name, task.id): task.stage_id.name or "" for task in self}
