# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTicketTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "hd_tour_agent",
            name="Tour Agent",
            groups="helpdesk_base.helpdesk_base_group_user",
        )
        stages = cls.env["helpdesk.stage"].create(
            [
                {"name": "Tour New", "sequence": 1},
                {"name": "Tour Done", "sequence": 2, "is_closed": True},
            ]
        )
        cls.team = cls.env["helpdesk.team"].create(
            {
                "name": "Tour Team",
                "member_ids": [Command.set(cls.agent.ids)],
                "stage_ids": [Command.set(stages.ids)],
                "privacy_visibility": "invited_internal",
            }
        )
        cls.stage_done = stages[1]
        cls.env["helpdesk.ticket"].create(
            {"name": "Existing ticket", "team_id": cls.team.id}
        )

    def test_create_assign_close_from_kanban(self):
        self.start_tour("/odoo", "helpdesk_base_ticket_tour", login="hd_tour_agent")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Tour: printer jam")]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.stage_id, self.stage_done)
        self.assertTrue(ticket.is_closed)
        self.assertTrue(ticket.date_closed)
        self.assertTrue(ticket.ticket_ref)

    def test_response_template_from_the_composer(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "email": "tour.customer@example.com"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Tour reply", "team_id": self.team.id, "partner_id": customer.id}
        )
        self.env["mail.template"].create(
            {
                "name": "Tour greeting",
                "model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                "is_helpdesk_response": True,
                "lang": "{{ object.partner_id.lang }}",
                "body_html": "<p>Hello <t t-out='object.partner_id.name'/>, about "
                "<t t-out='object.ticket_ref'/>.</p>",
            }
        )
        self.start_tour(
            f"/odoo/helpdesk.ticket/{ticket.id}",
            "helpdesk_base_response_template_tour",
            login="hd_tour_agent",
        )
        self.assertIn(
            f"Hello Tour Customer, about {ticket.ticket_ref}.",
            ticket.message_ids[0].body,
        )
        self.assertTrue(ticket.date_first_response, "an answer to the customer")

    def test_dashboard_counter_opens_its_filtered_list(self):
        self.env["helpdesk.ticket"].create(
            {"name": "Tour urgent ticket", "team_id": self.team.id, "priority": "3"}
        )
        self.start_tour(
            "/odoo/helpdesk",
            "helpdesk_base_dashboard_counter_tour",
            login="hd_tour_agent",
        )

    def test_link_and_merge_possible_duplicates(self):
        company = self.env["res.partner"].create(
            {"name": "Tour Dup Company", "is_company": True}
        )
        alice, bob = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "email": f"{name.lower()}@dup.example.com",
                    "parent_id": company.id,
                }
                for name in ("Alice", "Bob")
            ]
        )

        def ticket(name, customer):
            return self.env["helpdesk.ticket"].create(
                {"name": name, "team_id": self.team.id, "partner_id": customer.id}
            )

        # created now: detection compares the tickets' creation with its windows;
        # colleagues of one company, then one contact twice
        vpn_first = ticket("Tour dup: VPN drops every ten minutes", alice)
        vpn_again = ticket("Tour dup: the VPN drops every ten minutes", bob)
        invoice_first = ticket("Tour dup: invoice PDF is blank", bob)
        invoice_again = ticket("Tour dup: the invoice PDF is blank again", bob)
        self.assertEqual(vpn_again.duplicate_ticket_ids, vpn_first)
        self.assertEqual(invoice_again.duplicate_ticket_ids, invoice_first)

        self.start_tour(
            f"/odoo/helpdesk.ticket/{vpn_again.id}",
            "helpdesk_base_duplicates_tour",
            login="hd_tour_agent",
        )
        self.assertEqual(vpn_again.related_ticket_ids, vpn_first)
        self.assertEqual(vpn_first.related_ticket_ids, vpn_again, "both ways")
        self.assertFalse(
            vpn_again.duplicate_ticket_ids | vpn_first.duplicate_ticket_ids
        )
        self.assertTrue(vpn_first.active and vpn_again.active)
        self.assertFalse(invoice_again.active)
        self.assertEqual(invoice_again.merged_into_id, invoice_first)
        self.assertTrue(invoice_first.active)
        self.assertFalse(invoice_first.duplicate_ticket_ids)


@tagged("post_install", "-at_install")
class TestRatingLinkTour(HttpCase):
    def test_customer_rates_from_the_solved_mail(self):
        solved = self.env.ref("helpdesk_base.mail_template_ticket_solved")
        stages = self.env["helpdesk.stage"].create(
            [
                {"name": "Rate New", "sequence": 1},
                {
                    "name": "Rate Solved",
                    "sequence": 2,
                    "is_closed": True,
                    "template_id": solved.id,
                },
            ]
        )
        agent = new_test_user(
            self.env, "hd_rate_agent", groups="helpdesk_base.helpdesk_base_group_user"
        )
        team = self.env["helpdesk.team"].create(
            {
                "name": "Rate Team",
                "stage_ids": [Command.set(stages.ids)],
                "member_ids": [Command.set(agent.ids)],
                "use_rating": True,
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "Rating Customer", "email": "rating.customer@example.com"}
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Rate me",
                "team_id": team.id,
                "partner_id": customer.id,
                "user_id": agent.id,
            }
        )
        ticket.stage_id = stages[1]
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env["helpdesk.ticket.stage.mail"].search([])._send()
        self.env.flush_all()
        mail = self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        links = re.findall(
            r'href="[^"]*(/rate/[^/"]+/5)"', "".join(mail.mapped("body_html"))
        )
        self.assertTrue(links, "the solved e-mail asks for a rating")
        self.start_tour(links[0], "helpdesk_base_rating_link_tour")
        rating = ticket.rating_ids.filtered("consumed")
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.feedback, "Solved in ten minutes, thanks!")
        self.assertEqual(rating.rated_partner_id, agent.partner_id)
