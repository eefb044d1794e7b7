# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HelpdeskCase

_logger = logging.getLogger(__name__)

NOW = datetime(2026, 11, 23, 9, 0)
PRINTER = "Printer on the second floor does not print"
PRINTER_TOO = "The printer on the second floor does not print"
# 0.47 similar to PRINTER: under the default threshold (0.5)
PRINTER_SHORT = "Printer does not print"
VPN = "VPN connection is down"
VPN_TOO = "The VPN connection is down"


@tagged("post_install", "-at_install")
class TestDuplicates(HelpdeskCase):
    """Possible duplicates (same customer) and outages (many customers) found
    when tickets arrive, and what agents do with them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls.env["res.partner"].create(
            {
                "name": "Colleague of Customer Co",
                "email": "colleague@example.com",
                "parent_id": cls.customer.id,
            }
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": f"Outage customer {index}", "email": f"c{index}@example.com"}
                for index in range(4)
            ]
        )
        cls.other_team = cls.env["helpdesk.team"].create(
            {
                "name": "T Billing",
                "member_ids": [Command.set(cls.outsider.ids)],
                "stage_ids": [Command.set(cls.stages.ids)],
                "privacy_visibility": "invited_internal",
            }
        )

    def _ticket(self, name, partner=None, when=NOW, team=None, user=None, **values):
        with self._now(when):
            return (
                self.env["helpdesk.ticket"]
                .with_user(user or self.agent)
                .create(
                    {
                        "name": name,
                        "team_id": (team or self.team).id,
                        "partner_id": (partner or self.customer).id,
                        **values,
                    }
                )
            )

    # ------------------------------------------------------------------ same customer
    def test_same_customer_flagged(self):
        first = self._ticket(PRINTER)
        unrelated = self._ticket("Invoice charged twice", when=NOW + timedelta(hours=1))
        second = self._ticket(
            PRINTER_TOO, partner=self.colleague, when=NOW + timedelta(days=2)
        )
        self.assertEqual(second.duplicate_ticket_ids, first, "same company, similar")
        self.assertEqual(first.duplicate_ticket_ids, second, "shown on both")
        self.assertFalse(unrelated.duplicate_ticket_ids)
        stranger = self._ticket(
            PRINTER, partner=self.customers[0], when=NOW + timedelta(days=2)
        )
        self.assertFalse(stranger.duplicate_ticket_ids, "another customer")
        self.assertFalse(stranger.outage_ticket_id, "two customers, days apart")
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        self.assertEqual(
            Ticket.search([("duplicate_ticket_ids", "any", [])]), first | second
        )

    def test_same_customer_similar_description(self):
        text = (
            "<p>Since this morning the label printer in the warehouse prints "
            "blank labels after every second order.</p>"
        )
        first = self._ticket("Labels", description=text)
        second = self._ticket(
            "Problem in the warehouse",
            description=text.replace("this morning", "today"),
            when=NOW + timedelta(hours=3),
        )
        self.assertEqual(second.duplicate_ticket_ids, first, "the same text")
        third = self._ticket(
            "Warehouse",
            description="<p>Please call me back.</p>",
            when=NOW + timedelta(hours=4),
        )
        self.assertFalse(third.duplicate_ticket_ids, "another text")
        other = self._ticket(
            "Labels",
            partner=self.customers[0],
            description=text,
            when=NOW + timedelta(hours=5),
        )
        self.assertNotIn(first, other.duplicate_ticket_ids, "another customer")

    def test_batch_finds_duplicates_within_itself(self):
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": name, "team_id": self.team.id, "partner_id": partner.id}
                for name, partner in (
                    (PRINTER, self.customer),
                    (PRINTER_TOO, self.colleague),
                    (PRINTER, self.customers[0]),
                )
            ]
        )
        self.assertEqual(tickets[0].duplicate_ticket_ids, tickets[1])
        self.assertEqual(tickets[1].duplicate_ticket_ids, tickets[0])
        self.assertFalse(tickets[2].duplicate_ticket_ids)

    def test_closed_and_merged_tickets_not_proposed(self):
        closed = self._ticket(PRINTER)
        closed.stage_id = self.stage_done
        merged = self._ticket(PRINTER_TOO)
        kept = self._ticket("Scanner jammed")
        (merged | kept)._merge_into(kept)
        new = self._ticket(PRINTER, when=NOW + timedelta(hours=1))
        self.assertFalse(new.sudo().duplicate_ticket_ids)
        # a proposed ticket closed afterwards is not proposed any more
        other = self._ticket(PRINTER_TOO, when=NOW + timedelta(hours=2))
        self.assertEqual(other.duplicate_ticket_ids, new)
        new.stage_id = self.stage_done
        other.invalidate_recordset()
        self.assertFalse(other.duplicate_ticket_ids)

    def test_outside_days_not_proposed(self):
        self._ticket(PRINTER)
        late = self._ticket(PRINTER_TOO, when=NOW + timedelta(days=7, minutes=1))
        self.assertFalse(late.duplicate_ticket_ids)
        self.team.duplicate_days = 10
        later = self._ticket(PRINTER_TOO, when=NOW + timedelta(days=8))
        self.assertEqual(len(later.duplicate_ticket_ids), 2)

    def test_threshold_per_team(self):
        first = self._ticket(PRINTER)
        short = self._ticket(PRINTER_SHORT, when=NOW + timedelta(minutes=5))
        self.assertFalse(short.duplicate_ticket_ids, "0.47 < 0.5")
        self.team.duplicate_threshold = 0.4
        shorter = self._ticket(PRINTER_SHORT, when=NOW + timedelta(minutes=10))
        self.assertEqual(shorter.duplicate_ticket_ids, first | short)
        with (
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            self.team.duplicate_threshold = 1.5
            self.team.flush_recordset()

    def test_detection_off(self):
        self.team.use_duplicate_detection = False
        self._ticket(PRINTER)
        second = self._ticket(PRINTER)
        self.assertFalse(second.duplicate_ticket_ids)
        outage = [
            self._ticket(VPN, partner=customer, when=NOW + timedelta(minutes=index))
            for index, customer in enumerate(self.customers)
        ]
        self.assertFalse(outage[-1].outage_ticket_id)

    # ------------------------------------------------------------------ outages
    def test_outage_cluster(self):
        early = self._ticket(VPN, partner=self.customers[3], when=NOW)
        start = NOW + timedelta(minutes=90)
        first = self._ticket(VPN, partner=self.customers[0], when=start)
        second = self._ticket(
            VPN_TOO, partner=self.customers[1], when=start + timedelta(minutes=10)
        )
        self.assertFalse(first.outage_ticket_id | second.outage_ticket_id)
        # the same customer again counts once
        again = self._ticket(
            VPN, partner=self.customers[1], when=start + timedelta(minutes=15)
        )
        self.assertFalse(again.outage_ticket_id, "two customers, not three")
        third = self._ticket(
            VPN, partner=self.customers[2], when=start + timedelta(minutes=30)
        )
        cluster = first | second | again | third
        self.assertEqual(cluster.outage_ticket_id, first)
        self.assertFalse(early.outage_ticket_id, "before the window")
        self.assertEqual(third.outage_ticket_count, 4)
        self.assertEqual(third.outage_customer_count, 3)
        fourth = self._ticket(
            VPN_TOO, partner=self.customer, when=start + timedelta(minutes=50)
        )
        self.assertEqual(fourth.outage_ticket_id, first, "joins the cluster")
        unrelated = self._ticket(
            PRINTER, partner=self.customers[3], when=start + timedelta(minutes=50)
        )
        self.assertFalse(unrelated.outage_ticket_id)

        team = self.team.with_user(self.agent)
        self.assertEqual(team.outage_ticket_count, 5)
        self.assertIn("VPN", team.outage_subject)
        action = team.action_view_outage_tickets()
        self.assertEqual(action["context"]["search_default_filter_outage"], 1)
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        self.assertEqual(
            Ticket.search([("outage_ticket_id", "!=", False)]), cluster | fourth
        )
        action = third.with_user(self.agent).action_view_outage_tickets()
        self.assertEqual(Ticket.search(action["domain"]), cluster | fourth)
        (cluster | fourth).stage_id = self.stage_done
        team.invalidate_recordset()
        self.assertFalse(team.outage_ticket_count)

    def test_outage_in_one_batch(self):
        tickets = self.env["helpdesk.ticket"].create(
            [
                {"name": VPN, "team_id": self.team.id, "partner_id": customer.id}
                for customer in self.customers[:3]
            ]
        )
        self.assertEqual(tickets.outage_ticket_id, tickets[0])
        two = self.env["helpdesk.ticket"].create(
            [
                {"name": PRINTER, "team_id": self.team.id, "partner_id": customer.id}
                for customer in self.customers[:2]
            ]
        )
        self.assertFalse(two.outage_ticket_id)

    # ------------------------------------------------------------------ actions
    def test_customer_change_forgets_duplicates(self):
        """A ticket given to another company's contact is no longer a possible
        duplicate of its former customer's tickets; a colleague keeps it."""
        first = self._ticket(PRINTER)
        second = self._ticket(PRINTER_TOO, when=NOW + timedelta(hours=1))
        second.with_user(self.agent).partner_id = self.colleague
        self.assertEqual(first.duplicate_ticket_ids, second, "same company")
        second.with_user(self.agent).partner_id = self.customers[0]
        self.assertFalse(first.duplicate_ticket_ids | second.duplicate_ticket_ids)

    def test_merge_from_duplicates(self):
        first = self._ticket(PRINTER)
        second = self._ticket(PRINTER_TOO, when=NOW + timedelta(hours=1))
        action = (
            first.with_user(self.agent)
            .with_context(helpdesk_duplicate_origin_id=second.id)
            .action_merge_duplicate()
        )
        self.assertEqual(action["res_model"], "helpdesk.ticket.merge")
        wizard = Form(
            self.env["helpdesk.ticket.merge"]
            .with_user(self.agent)
            .with_context(**action["context"])
        ).save()
        self.assertEqual(wizard.ticket_ids, first | second)
        self.assertEqual(wizard.target_ticket_id, first, "the oldest open ticket")
        wizard.action_merge()
        self.assertFalse(second.active)
        self.assertEqual(second.merged_into_id, first)
        first.invalidate_recordset()
        self.assertFalse(first.duplicate_ticket_ids)

    def test_link_as_related(self):
        first = self._ticket(PRINTER)
        second = self._ticket(PRINTER_TOO, when=NOW + timedelta(hours=1))
        first.with_user(self.agent).with_context(
            helpdesk_duplicate_origin_id=second.id
        ).action_link_related()
        self.assertFalse(first.duplicate_ticket_ids | second.duplicate_ticket_ids)
        self.assertEqual(second.related_ticket_ids, first)
        self.assertEqual(first.related_ticket_ids, second, "both ways")
        # unlinked on one side, gone from both; linked by hand, on both
        second.with_user(self.agent).related_ticket_ids = [Command.unlink(first.id)]
        self.assertFalse(first.related_ticket_ids)
        third = self._ticket("Scanner jammed")
        third.with_user(self.agent).related_ticket_ids = [Command.link(first.id)]
        self.assertEqual(first.related_ticket_ids, third)

    def test_dismiss(self):
        first = self._ticket(PRINTER)
        second = self._ticket(PRINTER_TOO, when=NOW + timedelta(hours=1))
        button = first.with_user(self.agent).with_context(
            helpdesk_duplicate_origin_id=second.id
        )
        button.action_dismiss_duplicate()
        self.assertFalse(first.duplicate_ticket_ids | second.duplicate_ticket_ids)
        self.assertFalse(first.related_ticket_ids)
        with self.assertRaises(UserError):
            button.action_dismiss_duplicate()

    # ------------------------------------------------------------------ access
    def test_record_rules(self):
        """A possible duplicate in a team the agent does not see is neither
        listed nor counted, and cannot be acted on."""
        visible = self._ticket(PRINTER)
        billing = self._ticket(
            PRINTER_TOO,
            when=NOW + timedelta(hours=1),
            team=self.other_team,
            user=self.outsider,
        )
        self.assertEqual(billing.sudo().duplicate_ticket_ids, visible)
        self.env.invalidate_all()
        as_outsider = billing.with_user(self.outsider)
        self.assertFalse(as_outsider.duplicate_ticket_ids)
        self.assertEqual(
            as_outsider.read(["duplicate_ticket_ids"])[0]["duplicate_ticket_ids"], []
        )
        Ticket = self.env["helpdesk.ticket"]
        self.assertFalse(
            Ticket.with_user(self.outsider).search(
                [("duplicate_ticket_ids", "any", [])]
            )
        )
        self.assertEqual(
            Ticket.with_user(self.manager).search(
                [("duplicate_ticket_ids", "any", [])]
            ),
            visible | billing,
        )
        with self.assertRaises(UserError):
            visible.with_user(self.outsider).with_context(
                helpdesk_duplicate_origin_id=billing.id
            ).action_merge_duplicate()
        # the agent of the first team does not see the billing ticket either
        self.assertFalse(visible.with_user(self.agent).duplicate_ticket_ids)

    # ------------------------------------------------------------------ queries
    def test_detection_query_count(self):
        """Detection costs a constant number of queries per create() call: 100
        tickets with duplicates and an outage among existing ones cost the same
        extra queries as 10."""
        subjects = [PRINTER, PRINTER_TOO, VPN, VPN_TOO, "Invoice charged twice"]
        partners = self.customer | self.colleague | self.customers
        for index, subject in enumerate(subjects):
            self._ticket(subject, partner=partners[index % len(partners)])

        def create(count, team):
            Ticket = (
                self.env["helpdesk.ticket"]
                .with_user(self.agent)
                .with_context(tracking_disable=True, mail_create_nolog=True)
            )
            return lambda: Ticket.create(
                [
                    {
                        "name": f"{subjects[index % len(subjects)]} {index % 3}",
                        "team_id": team.id,
                        "partner_id": partners[index % len(partners)].id,
                    }
                    for index in range(count)
                ]
            )

        off_team = self.env["helpdesk.team"].create(
            {
                "name": "T No detection",
                "member_ids": [Command.set(self.agent.ids)],
                "stage_ids": [Command.set(self.stages.ids)],
                "use_duplicate_detection": False,
            }
        )
        with self._now(NOW + timedelta(minutes=5)):
            create(2, self.team)()
            create(2, off_team)()
            counts = {
                (count, team.use_duplicate_detection): self._count_queries(
                    create(count, team)
                )
                for count in (10, 100)
                for team in (self.team, off_team)
            }
        _logger.info("create queries (tickets, detection): %s", counts)
        extra_10 = counts[10, True] - counts[10, False]
        extra_100 = counts[100, True] - counts[100, False]
        # threshold, same customer, outages, the new tickets' and (in a
        # savepoint: 3) the older tickets' outage: 8; other addons installed
        # may read one more thing of the batch
        self.assertLessEqual(extra_100, 10, "detection: a few queries per batch")
        self.assertLessEqual(extra_100, extra_10 + 1, "grows with the tickets")
        tickets = self.env["helpdesk.ticket"].search(
            [("team_id", "=", self.team.id), ("outage_ticket_id", "!=", False)]
        )
        self.assertTrue(tickets, "the batch found an outage")
        self.assertTrue(
            self.env["helpdesk.ticket"].search_count(
                [("team_id", "=", self.team.id), ("duplicate_ticket_ids", "any", [])]
            )
        )
