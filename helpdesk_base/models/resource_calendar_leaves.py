# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    """A public holiday (a leave of no resource) changed: the helpdesk's cached
    timelines are stale. Employees' own time off does not touch them."""

    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any(not vals.get("resource_id") for vals in vals_list):
            self.env["resource.calendar"]._helpdesk_clear_timelines()
        return records

    def write(self, vals):
        public = any(not leave.resource_id for leave in self)
        res = super().write(vals)
        if public or ("resource_id" in vals and not vals["resource_id"]):
            self.env["resource.calendar"]._helpdesk_clear_timelines()
        return res

    def unlink(self):
        public = any(not leave.resource_id for leave in self)
        res = super().unlink()
        if public:
            self.env["resource.calendar"]._helpdesk_clear_timelines()
        return res
