# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import http
from odoo.http import request

from ..providers.base import MAX_BODY_BYTES


class HelpdeskChannelWebhook(http.Controller):
    """The messengers' webhooks: read the request, let the channel verify and
    queue it, answer at once."""

    @http.route(
        "/helpdesk/channel/<string:provider>/<string:key>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
        save_session=False,
    )
    def helpdesk_channel_webhook(self, provider, key, **kwargs):
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return request.make_response("Body Too Large", status=400)
        # read at most the limit (a chunked body has no length to check first),
        # and cached: a request retried after a serialization failure reads the
        # same body again
        httprequest.max_content_length = MAX_BODY_BYTES
        try:
            body = httprequest.get_data()
        except RequestEntityTooLarge:
            return request.make_response("Body Too Large", status=400)
        status, text = (
            request.env["helpdesk.channel"]
            .sudo()
            ._receive_webhook(
                provider,
                key,
                httprequest.method,
                httprequest.headers,
                body,
                httprequest.args,
            )
        )
        return request.make_response(
            text, headers=[("Content-Type", "text/plain")], status=status
        )
