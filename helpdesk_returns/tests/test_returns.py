# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import HelpdeskAfterSaleCase


@tagged("post_install", "-at_install")
class TestTicketReturns(HelpdeskAfterSaleCase):
    @staticmethod
    def _line(wizard, product):
        return wizard.line_ids.filtered(lambda line: line.product_id == product)

    def test_ticket_fields_limited_to_the_customer(self):
        ticket = self._ticket()
        self.assertIn(self.order, ticket.suitable_sale_order_ids)
        self.assertEqual(
            set(ticket.suitable_product_ids.ids), {self.kettle.id, self.machine.id}
        )
        self.assertEqual(ticket.suitable_lot_ids, self.serials[:2])
        ticket.write(
            {
                "sale_order_id": self.order.id,
                "product_id": self.machine.id,
                "lot_id": self.serials[0].id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "was not delivered"):
            ticket.lot_id = self.serials[2]
        other = self._ticket(self.stranger)
        with self.assertRaisesRegex(ValidationError, "is not one of"):
            other.sale_order_id = self.order

    def test_partial_return_of_a_delivery(self):
        ticket = self._ticket(product_id=self.kettle.id, sale_order_id=self.order.id)
        self.assertTrue(ticket.has_returnable_delivery)
        wizard = self._return_wizard(ticket)
        self.assertEqual(wizard.picking_id, self.delivery)
        kettle_line = wizard.line_ids.filtered(
            lambda line: line.product_id == self.kettle
        )
        machine_line = wizard.line_ids - kettle_line
        # the ticket's product by default, all that is left of it
        self.assertEqual(kettle_line.quantity, 3)
        self.assertEqual(machine_line.quantity, 0)
        kettle_line.quantity = 1
        wizard.action_return()
        returned = ticket.picking_ids
        self.assertEqual(len(returned), 1)
        self.assertEqual(returned.return_id, self.delivery)
        self.assertEqual(returned.picking_type_code, "incoming")
        self.assertEqual(returned.move_ids.product_id, self.kettle)
        self.assertEqual(returned.move_ids.product_uom_qty, 1)
        self.assertEqual(ticket.pickings_count, 1)
        self.assertIn(returned.name, ticket.message_ids[:1].body)
        # what is left to return: 2 kettles
        wizard = self._return_wizard(ticket)
        kettle_line = wizard.line_ids.filtered(
            lambda line: line.product_id == self.kettle
        )
        self.assertEqual(kettle_line.returned_qty, 1)
        self.assertEqual(kettle_line.quantity, 2)
        kettle_line.quantity = 3
        with self.assertRaisesRegex(UserError, "only 2"):
            wizard.action_return()
        kettle_line.quantity = 0
        with self.assertRaisesRegex(UserError, "at least one product"):
            wizard.action_return()

    def test_return_for_exchange_sends_a_replacement(self):
        ticket = self._ticket(product_id=self.kettle.id)
        wizard = self._return_wizard(ticket, quantities={self.kettle: 1})
        wizard.action_exchange()
        pickings = ticket.picking_ids
        returned = pickings.filtered(lambda p: p.picking_type_code == "incoming")
        replacement = pickings.filtered(lambda p: p.picking_type_code == "outgoing")
        self.assertEqual(len(returned), 1)
        self.assertEqual(len(replacement), 1, "a replacement delivery")
        self.assertEqual(replacement.move_ids.product_id, self.kettle)
        self.assertEqual(replacement.move_ids.product_uom_qty, 1)
        self.assertEqual(replacement.partner_id.commercial_partner_id, self.acme)
        self.assertIn(replacement.name, ticket.message_ids[:1].body)
        # another ticket's exchange on the same order: its own replacement
        # delivery, the first one is not enlarged
        other = self._ticket(product_id=self.kettle.id)
        self._return_wizard(other, quantities={self.kettle: 1}).action_exchange()
        other_replacement = other.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing"
        )
        self.assertEqual(len(other_replacement), 1)
        self.assertNotEqual(other_replacement, replacement)
        self.assertEqual(replacement.move_ids.product_uom_qty, 1)
        self.assertEqual(other_replacement.move_ids.helpdesk_ticket_id, other)

    def test_returned_lots_are_the_delivered_ones(self):
        ticket = self._ticket(product_id=self.machine.id)
        wizard = self._return_wizard(ticket)
        machine_line = wizard.line_ids.filtered(
            lambda line: line.product_id == self.machine
        )
        self.assertEqual(machine_line.lot_names, "SN-1, SN-2")
        machine_line.quantity = 1
        wizard.action_return()
        returned = ticket.picking_ids
        move = returned.move_ids
        with self.assertRaisesRegex(ValidationError, "SN-3 was not delivered"):
            move.move_line_ids = [
                Command.clear(),
                Command.create(
                    {
                        "product_id": self.machine.id,
                        "lot_id": self.serials[2].id,
                        "quantity": 1,
                        "location_id": move.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                    }
                ),
            ]
        move.move_line_ids = [
            Command.clear(),
            Command.create(
                {
                    "product_id": self.machine.id,
                    "lot_id": self.serials[1].id,
                    "quantity": 1,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                }
            ),
        ]
        returned.move_ids.picked = True
        returned.button_validate()
        self.assertEqual(returned.state, "done")

    def test_bad_requests_refused(self):
        # a customer without deliveries: no button, a clear error
        ticket = self._ticket(self.stranger)
        self.assertFalse(ticket.has_returnable_delivery)
        with self.assertRaisesRegex(UserError, "no delivery done"):
            ticket.action_open_return_wizard()
        # a team without returns
        no_returns = self.env["helpdesk.team"].create({"name": "T No returns"})
        ticket = self._ticket(team_id=no_returns.id)
        with self.assertRaisesRegex(UserError, "(?i)does not do returns"):
            ticket.action_open_return_wizard()
        # another customer's delivery
        other_order = self._delivered_order(self.stranger, [(self.kettle, 1)])
        ticket = self._ticket()
        wizard = self._return_wizard(ticket)
        wizard.picking_id = other_order.picking_ids
        with self.assertRaisesRegex(UserError, "deliveries done"):
            wizard.action_return()
        self.assertFalse(ticket.picking_ids, "nothing half-made")

    def test_agent_without_inventory_rights_returns(self):
        agent = self.agent
        self.assertFalse(agent.has_group("stock.group_stock_user"))
        ticket = self._ticket(product_id=self.kettle.id)
        wizard = self._return_wizard(ticket, user=agent, quantities={self.kettle: 2})
        action = wizard.action_return()
        self.assertEqual(action["type"], "ir.actions.act_window_close")
        self.assertEqual(ticket.picking_ids.move_ids.product_uom_qty, 2)
        # an agent who may not see the ticket may not return on it
        outsider_ticket = self._ticket(product_id=self.kettle.id)
        outsider_ticket.team_id.privacy_visibility = "invited_internal"
        stranger_agent = new_test_user(
            self.env, "hd_ret_outsider", groups="helpdesk_base.helpdesk_base_group_user"
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._return_wizard(outsider_ticket, user=stranger_agent)

    def test_smart_button_counts_constant_queries(self):
        tickets = self._create_tickets(30, partner_id=self.buyer.id)
        for ticket in tickets[:3]:
            self._return_wizard(ticket, quantities={self.kettle: 1}).action_return()

        def read(records):
            records.invalidate_recordset()
            records.read(["pickings_count"])

        few = self._count_queries(lambda: read(tickets[:3]))
        many = self._count_queries(lambda: read(tickets))
        self.assertEqual(few, many)
        self.assertEqual(tickets[:4].mapped("pickings_count"), [1, 1, 1, 0])

    def test_agents_choose_without_sales_or_stock_rights(self):
        ticket = self._ticket()
        agent_env = self.env(
            user=self.agent, context={"helpdesk_after_sale_ticket_id": ticket.id}
        )
        spec = {"display_name": {}}
        orders = agent_env["sale.order"].web_name_search("", spec)
        self.assertEqual([o["id"] for o in orders], self.order.ids)
        lots = agent_env["stock.lot"].web_name_search("SN", spec)
        self.assertEqual({lot["id"] for lot in lots}, set(self.serials[:2].ids))
        deliveries = agent_env["stock.picking"].web_name_search("", spec)
        self.assertEqual([d["id"] for d in deliveries], self.delivery.ids)
        # names only; and nothing without a ticket the agent may change
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            agent_env["sale.order"].web_name_search("", {"amount_total": {}})
        other_team = self.env["helpdesk.team"].create(
            {"name": "T Private", "privacy_visibility": "invited_internal"}
        )
        hidden = self._ticket(team_id=other_team.id)
        hidden_env = self.env(
            user=self.agent, context={"helpdesk_after_sale_ticket_id": hidden.id}
        )
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            hidden_env["sale.order"].web_name_search("", spec)
        # the ticket form's values read as the agent
        ticket.write(
            {
                "sale_order_id": self.order.id,
                "product_id": self.machine.id,
                "lot_id": self.serials[0].id,
            }
        )
        values = ticket.with_user(self.agent).web_read(
            {
                "sale_order_id": spec and {"fields": spec},
                "product_id": {"fields": spec},
                "lot_id": {"fields": spec},
                "suitable_lot_ids": {},
                "pickings_count": {},
                "has_returnable_delivery": {},
            }
        )[0]
        self.assertEqual(values["lot_id"]["display_name"], "SN-1")
        self.assertEqual(values["sale_order_id"]["id"], self.order.id)
