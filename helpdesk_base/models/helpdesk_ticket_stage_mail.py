# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import process_locked_batches

BATCH_SIZE = 200


class HelpdeskTicketStageMail(models.Model):
    """A stage e-mail still to write: one row per ticket that entered a stage with
    an e-mail template.

    Rendering a template costs more than creating the ticket itself: the request
    that creates or moves tickets only records these rows (one INSERT for the
    batch) and wakes a cron up, which renders and queues the mails a few seconds
    later, by batches that commit their progress.
    """

    _name = "helpdesk.ticket.stage.mail"
    _description = "Helpdesk Stage E-mail To Send"
    _order = "id"
    _log_access = False

    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, index=True, ondelete="cascade"
    )
    stage_id = fields.Many2one("helpdesk.stage", required=True, ondelete="cascade")

    @api.model
    def _cron_send(self, batch_size=BATCH_SIZE):
        """Write the pending stage e-mails, oldest first, a batch per commit; safe
        to run twice at once (rows are locked and skipped by the other run)."""
        process_locked_batches(self, SQL("TRUE"), lambda jobs: jobs._send(), batch_size)

    def _send(self):
        """Post the template of each job's stage on its ticket, if the ticket is
        still in that stage (a ticket moved on in the meantime is not told about a
        stage it already left), then drop the jobs."""
        jobs = self.exists()
        for job in jobs:
            ticket = job.ticket_id
            template = job.stage_id.template_id
            if ticket.active and ticket.stage_id == job.stage_id and template:
                ticket._post_stage_mail(template)
        jobs.unlink()
