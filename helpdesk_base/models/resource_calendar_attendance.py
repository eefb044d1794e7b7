# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResourceCalendarAttendance(models.Model):
    """Working hours changed: the helpdesk's cached timelines are stale."""

    _inherit = "resource.calendar.attendance"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["resource.calendar"]._helpdesk_clear_timelines()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env["resource.calendar"]._helpdesk_clear_timelines()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["resource.calendar"]._helpdesk_clear_timelines()
        return res
