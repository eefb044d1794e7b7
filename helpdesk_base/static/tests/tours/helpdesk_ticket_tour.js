/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("helpdesk_base_ticket_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Helpdesk app",
            trigger: '.o_app[data-menu-xmlid="helpdesk_base.helpdesk_menu_root"]',
            run: "click",
        },
        {
            content: "Open the tickets",
            trigger: 'button[data-menu-xmlid="helpdesk_base.helpdesk_menu_tickets"]',
            run: "click",
        },
        {
            trigger: 'a[data-menu-xmlid="helpdesk_base.helpdesk_menu_ticket_all"]',
            run: "click",
        },
        {
            content: "The kanban shows the team's first stage",
            trigger: ".o_kanban_group .o_kanban_header:contains(Tour New)",
        },
        {
            content: "Quick create a ticket",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit Tour: printer jam",
        },
        {
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "Open the new ticket",
            trigger: ".o_kanban_record:contains(Tour: printer jam)",
            run: "click",
        },
        {
            content: "Take it",
            trigger: ".o_form_view button[name=action_assign_to_me]",
            run: "click",
        },
        {
            content: "It is assigned",
            trigger: ".o_form_view:not(:has(button[name=action_assign_to_me]))",
        },
        {
            content: "Solve it",
            trigger: ".o_statusbar_status button:contains(Tour Done)",
            run: "click",
        },
        {
            content: "The ticket is in the closing stage",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Tour Done)",
        },
        {
            content: "Changing the stage saved the ticket",
            trigger: ".o_form_saved",
        },
    ],
});
