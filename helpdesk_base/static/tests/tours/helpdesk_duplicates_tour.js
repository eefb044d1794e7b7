/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// The tickets the test creates: two pairs of possible duplicates
const VPN_FIRST = "Tour dup: VPN drops every ten minutes";
const INVOICE_FIRST = "Tour dup: invoice PDF is blank";
const INVOICE_AGAIN = "Tour dup: the invoice PDF is blank again";

registry.category("web_tour.tours").add("helpdesk_base_duplicates_tour", {
    steps: () => [
        {
            content: "The ticket proposes its possible duplicate",
            trigger: `.o_helpdesk_duplicates .o_data_row:contains(${VPN_FIRST})`,
        },
        {
            content: "Same matter, kept apart: link it as related",
            trigger: `.o_helpdesk_duplicates .o_data_row:contains(${VPN_FIRST}) button[name=action_link_related]`,
            run: "click",
        },
        {
            content: "It is no longer proposed",
            trigger: ".o_form_view .o_form_sheet:not(:has(.o_helpdesk_duplicates))",
        },
        {
            content: "Open the related tickets",
            trigger: ".o_notebook a.nav-link[name=related_tickets]",
            run: "click",
        },
        {
            content: "The other ticket is related",
            trigger: `.o_field_widget[name=related_ticket_ids] .o_data_row:contains(${VPN_FIRST})`,
        },
        stepUtils.showAppsMenuItem(),
        {
            content: "Back to the tickets",
            trigger: '.o_app[data-menu-xmlid="helpdesk_base.helpdesk_menu_root"]',
            run: "click",
        },
        {
            trigger: 'button[data-menu-xmlid="helpdesk_base.helpdesk_menu_tickets"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="helpdesk_base.helpdesk_menu_ticket_all"]',
            run: "click",
        },
        {
            content: "Open the customer's second invoice ticket",
            trigger: `.o_kanban_record:contains(${INVOICE_AGAIN})`,
            run: "click",
        },
        {
            content: "Merge it with its possible duplicate",
            trigger: `.o_helpdesk_duplicates .o_data_row:contains(${INVOICE_FIRST}) button[name=action_merge_duplicate]`,
            run: "click",
        },
        {
            content: "The merge wizard holds both tickets",
            trigger: `.modal .o_field_widget[name=ticket_ids] .o_data_row:contains(${INVOICE_AGAIN})`,
        },
        {
            trigger: `.modal .o_field_widget[name=ticket_ids] .o_data_row:contains(${INVOICE_FIRST})`,
        },
        {
            content: "It keeps the older ticket",
            trigger: `.modal .o_field_widget[name=target_ticket_id] input:value(${INVOICE_FIRST})`,
        },
        {
            content: "Merge",
            trigger: ".modal button[name=action_merge]",
            run: "click",
        },
        {
            content: "The kept ticket is shown, without duplicates",
            trigger: `body:not(:has(.modal)) .o_last_breadcrumb_item:contains(${INVOICE_FIRST})`,
        },
        {
            trigger: ".o_form_view .o_form_sheet:not(:has(.o_helpdesk_duplicates))",
        },
        {
            content: "Its chatter tells what was merged",
            trigger: `.o-mail-Message-body:contains(${INVOICE_AGAIN})`,
        },
    ],
});
