# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.misc import formatLang


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    helpdesk_ticket_ids = fields.One2many(
        "helpdesk.ticket", "sale_line_id", string="Helpdesk Tickets"
    )
    helpdesk_low_balance_notified = fields.Boolean(
        string="Low Balance Alert Sent",
        copy=False,
        help="The salesperson and the customer were told that the prepaid hours "
        "of this line run low (once per line; reset when the ordered quantity "
        "changes).",
    )

    def write(self, vals):
        if "product_uom_qty" in vals and "helpdesk_low_balance_notified" not in vals:
            # more hours sold on the line: a later shortage is news again
            vals = {**vals, "helpdesk_low_balance_notified": False}
        return super().write(vals)

    def _helpdesk_notify_low_balance(self, team, ticket):
        """Tell the salesperson (an activity on the order) and the customer (the
        team's e-mail, queued) that the prepaid hours of this line run low; a
        note on the ticket whose time triggered it."""
        self.ensure_one()
        line = self.sudo()
        line.helpdesk_low_balance_notified = True
        order = line.order_id
        salesperson = order.user_id or team.user_id or self.env.user
        # the activity speaks the salesperson's language
        line_lang = line.with_context(lang=salesperson.lang or self.env.lang)
        env = line_lang.env
        hours = formatLang(env, line.remaining_hours, digits=2)
        order.activity_schedule(
            "helpdesk_timesheet.mail_activity_type_low_balance",
            user_id=salesperson.id,
            summary=env._("Prepaid hours running low: %(hours)s h left", hours=hours),
            note=env._(
                "%(line)s: %(hours)s h left of %(sold)s h. Offer the customer more "
                "hours.",
                line=line.name,
                hours=hours,
                sold=formatLang(env, line.product_uom_qty, digits=2),
            ),
        )
        template = team.low_balance_template_id
        mailed = bool(template and order.partner_id)
        if mailed:
            order.with_context(lang=order.partner_id.lang).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=order.partner_id.ids,
                email_layout_xmlid="mail.mail_notification_light",
                force_send=False,
            )
            ticket._wake_mail_queue()
        if ticket:
            hours = formatLang(self.env, line.remaining_hours, digits=2)
            ticket.sudo().message_post(
                body=self.env._(
                    "Prepaid hours running low on %(order)s: %(hours)s h left. The "
                    "salesperson and the customer were told.",
                    order=order.name,
                    hours=hours,
                )
                if mailed
                else self.env._(
                    "Prepaid hours running low on %(order)s: %(hours)s h left. The "
                    "salesperson was told (the team sends no e-mail).",
                    order=order.name,
                    hours=hours,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _helpdesk_portal_prepaid_lines(self, partner):
        """The prepaid lines of hours of ``partner``'s company that its portal
        shows, most recent first: confirmed, with hours left or overdrawn. Empty
        when no team bills time and shows it on the portal. Sudo records, for
        display only (no cost, no price)."""
        commercial = partner.commercial_partner_id
        if not commercial or not self.env["helpdesk.team"].sudo().search_count(
            [
                ("use_helpdesk_sale_timesheet", "=", True),
                ("portal_show_timesheets", "=", True),
            ],
            limit=1,
        ):
            return self.sudo().browse()
        return self._helpdesk_customer_lines(
            commercial, Domain("remaining_hours", "!=", 0)
        ).filtered("remaining_hours_available")

    @api.model
    def _helpdesk_customer_lines(self, commercial_partners, domain=None):
        """The confirmed service lines of ``commercial_partners`` (and of
        ``domain``) that can bill a ticket's time, most recent order first, then
        in the order's own sequence (sudo records)."""
        lines = self.sudo().search(
            Domain.AND(
                [
                    self._sellable_lines_domain(),
                    self._domain_sale_line_service(),
                    [
                        (
                            "order_partner_id.commercial_partner_id",
                            "in",
                            commercial_partners.ids,
                        )
                    ],
                    domain or [],
                ]
            )
        )
        return lines.sorted(
            lambda line: (
                -line.order_id.date_order.timestamp(),
                -line.order_id.id,
                line.sequence,
                line.id,
            )
        )

    def _helpdesk_hours_text(self):
        """ "12.50 h of 40.00 h left" (or "2.00 h over the 10.00 h bought"), in
        the user's language."""
        self.ensure_one()
        sold = self.product_uom_id._compute_quantity(
            self.product_uom_qty,
            self.env.ref("uom.product_uom_hour"),
            raise_if_failure=False,
        )
        left = self.remaining_hours
        if left >= 0:
            return self.env._(
                "%(left)s h of %(sold)s h left",
                left=formatLang(self.env, left, digits=2),
                sold=formatLang(self.env, sold, digits=2),
            )
        return self.env._(
            "%(over)s h over the %(sold)s h bought",
            over=formatLang(self.env, -left, digits=2),
            sold=formatLang(self.env, sold, digits=2),
        )

    @api.model
    def _helpdesk_portal_balance(self, partner):
        """``partner``'s prepaid hours as the portal shows them: one dict per
        line (hours left and bought, product, order and its portal link)."""
        return [
            {
                "text": line._helpdesk_hours_text(),
                "overdrawn": line.remaining_hours < 0,
                "product": line.product_id.name,
                "order": line.order_id.name,
                "url": line.order_id.access_url,
            }
            for line in self._helpdesk_portal_prepaid_lines(partner)
        ]
