# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestTicketCoupons(HelpdeskAfterSaleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "T Apology coupon",
                "program_type": "coupons",
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "discount_mode": "percent",
                            "discount_applicability": "order",
                        }
                    )
                ],
            }
        )
        cls.team.write(
            {
                "use_coupons": True,
                "coupon_program_id": cls.program.id,
                "use_product_repairs": True,
            }
        )

    def _coupon_wizard(self, ticket, user=None, **values):
        return self._after_sale_wizard(
            ticket, "action_open_coupon_wizard", user, **values
        )

    def test_one_coupon_for_the_customer_with_code_and_expiry(self):
        ticket = self._ticket()
        until = fields.Date.today() + timedelta(days=30)
        wizard = self._coupon_wizard(ticket, user=self.agent, valid_until=until)
        self.assertEqual(wizard.program_id, self.program)
        messages = ticket.message_ids
        wizard.action_generate()
        coupon = ticket.coupon_ids
        self.assertEqual(len(coupon), 1)
        self.assertEqual(coupon.partner_id, self.buyer)
        self.assertEqual(coupon.expiration_date, until)
        self.assertEqual(coupon.program_id, self.program)
        self.assertEqual(ticket.coupons_count, 1)
        self.assertIn(coupon.code, ticket.coupon_codes)
        sent = (ticket.message_ids - messages).filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(len(sent), 1)
        self.assertIn(coupon.code, sent.body)
        self.assertIn(self.buyer, sent.partner_ids)
        mails = self.env["mail.mail"].search([("mail_message_id", "=", sent.id)])
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued")

    def test_bad_coupons_refused(self):
        ticket = self._ticket()
        wizard = self._coupon_wizard(ticket, send_mail=False)
        wizard.valid_until = fields.Date.today() - timedelta(days=1)
        with self.assertRaisesRegex(UserError, "already be expired"):
            wizard.action_generate()
        wizard.valid_until = False
        wizard.points_granted = 0
        with self.assertRaisesRegex(UserError, "at least some points"):
            wizard.action_generate()
        other_company = self.env["res.company"].create({"name": "T Company C"})
        foreign = self.program.copy({"company_id": other_company.id})
        wizard.points_granted = 1
        wizard.program_id = foreign
        with self.assertRaisesRegex(UserError, "program of this company"):
            wizard.action_generate()
        self.assertFalse(ticket.coupon_ids, "nothing half-made")
        no_customer = self._create_tickets(1, partner_id=False)
        with self.assertRaisesRegex(UserError, "needs a customer"):
            no_customer.action_open_coupon_wizard()

    def test_agents_open_every_wizard_form(self):
        """What the web client does when an agent without Sales, Inventory or
        Invoicing rights opens each after-sales dialog: the form's default
        values, with the names of the records they point to."""
        ticket = self._ticket(product_id=self.kettle.id)
        name = {"fields": {"display_name": {}}}
        specs = {
            "helpdesk.ticket.return": {
                "ticket_id": name,
                "allowed_picking_ids": {},
                "picking_id": name,
                "location_dest_id": name,
                "line_ids": {
                    "fields": {
                        "move_id": name,
                        "product_id": name,
                        "lot_names": {},
                        "delivered_qty": {},
                        "returned_qty": {},
                        "quantity": {},
                        "uom_id": name,
                    }
                },
            },
            "helpdesk.ticket.refund": {
                "ticket_id": name,
                "allowed_move_ids": {},
                "move_id": name,
                "reason": {},
                "date": {},
            },
            "helpdesk.ticket.repair": {
                "ticket_id": name,
                "suitable_product_ids": {},
                "product_id": name,
                "lot_id": name,
                "picking_id": name,
                "under_warranty": {},
                "description": {},
            },
            "helpdesk.ticket.coupon": {
                "ticket_id": name,
                "program_id": name,
                "points_granted": {},
                "valid_until": {},
                "send_mail": {},
            },
        }
        for model, spec in specs.items():
            with self.subTest(model=model):
                values = (
                    self.env[model]
                    .with_user(self.agent)
                    .with_context(default_ticket_id=ticket.id)
                    .onchange({}, [], spec)["value"]
                )
                self.assertEqual(values["ticket_id"]["id"], ticket.id)
        # and the ticket's own form values
        ticket.with_user(self.agent).web_read(
            {
                "sale_order_id": name,
                "product_id": name,
                "lot_id": name,
                "coupon_codes": {},
                "coupons_count": {},
                "invoices_count": {},
                "repairs_count": {},
                "pickings_count": {},
                "has_refundable_invoice": {},
                "has_returnable_delivery": {},
            }
        )
