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

registry.category("web_tour.tours").add("helpdesk_base_response_template_tour", {
    steps: () => [
        {
            content: "Reply to the customer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Pick a response template where the agent types",
            trigger: ".o-mail-Composer button[title='Insert a Response Template']",
            run: "click",
        },
        {
            content: "Automation e-mails are not offered",
            trigger: ".modal .o_data_row:contains(Tour greeting)",
            run() {
                const rows = [...document.querySelectorAll(".modal .o_data_row")];
                if (rows.some((row) => row.textContent.includes("ticket solved"))) {
                    throw new Error("an automation template is offered");
                }
            },
        },
        {
            trigger: ".modal .o_data_row:contains(Tour greeting) td.o_data_cell",
            run: "click",
        },
        {
            content: "The text is inserted, placeholders filled",
            trigger: ".o-mail-Composer-input",
            run() {
                const value = this.anchor.value;
                if (!value.includes("Hello Tour Customer, about")) {
                    throw new Error(`unexpected text: ${value}`);
                }
            },
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message-body:contains(Hello Tour Customer)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_base_dashboard_counter_tour", {
    url: "/odoo/helpdesk",
    steps: () => [
        {
            content: "The team card counts the urgent tickets",
            trigger:
                ".o_kanban_record:contains(Tour Team) .o_helpdesk_counter_urgent:contains(1)",
            run: "click",
        },
        {
            content: "The list is filtered by removable facets",
            trigger: ".o_searchview_facet:contains(Urgent) .o_facet_remove",
        },
        {
            trigger: ".o_searchview_facet:contains(Tour Team)",
        },
        {
            trigger: ".o_breadcrumb:contains(Tour Team: urgent)",
        },
        {
            trigger: ".o_kanban_record:contains(Tour urgent ticket)",
            run() {
                const cards = [...document.querySelectorAll(".o_kanban_record")];
                if (
                    cards.some((card) => card.textContent.includes("Existing ticket"))
                ) {
                    throw new Error("a ticket that is not urgent is listed");
                }
            },
        },
        {
            content: "Remove the facet: every open ticket of the team",
            trigger: ".o_searchview_facet:contains(Urgent) .o_facet_remove",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains(Existing ticket)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_base_rating_link_tour", {
    steps: () => [
        {
            content: "One click in the e-mail chose the happy face",
            trigger: "input#rate_5:checked",
        },
        {
            content: "An optional comment",
            trigger: "textarea[name=feedback]",
            run: "edit Solved in ten minutes, thanks!",
        },
        {
            trigger: "form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "h3:contains(Thank you for your feedback!)",
        },
    ],
});
