# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model_create_multi
    def create(self, vals_list):
        langs = super().create(vals_list)
        langs.filtered("active")._helpdesk_refresh_article_search()
        return langs

    def write(self, vals):
        activated = (
            self.filtered(lambda lang: not lang.active)
            if vals.get("active")
            else self.browse()
        )
        res = super().write(vals)
        activated._helpdesk_refresh_article_search()
        return res

    def _helpdesk_refresh_article_search(self):
        """A language just activated: the help centre searches the articles in
        it too (their texts in it, or in English until translated)."""
        if self:
            self.env["helpdesk.article.search"].sudo()._refresh(
                langs=self.mapped("code")
            )
