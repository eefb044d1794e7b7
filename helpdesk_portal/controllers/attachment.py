# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController


class HelpdeskAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(
        self, ufile, thread_id, thread_model, is_pending=False, **kwargs
    ):
        """Customers' files on tickets pass the same checks as in the ticket form."""
        if thread_model == "helpdesk.ticket" and request.env.user.share:
            content = ufile.read()
            ufile.seek(0)
            error = request.env["helpdesk.ticket"]._portal_check_attachment(
                ufile.filename, content
            )
            if error:
                return request.make_json_response({"error": error})
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )
