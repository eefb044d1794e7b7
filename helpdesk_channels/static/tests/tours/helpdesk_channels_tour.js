/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_channels_reply_tour", {
    // An agent answers a Telegram customer from the ticket
    steps: () => [
        {
            content: "The ticket is a messenger conversation",
            trigger: ".o_field_widget[name=channel_contact_id]:contains(Olena)",
        },
        {
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "edit Your phone is ready",
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message-body:contains(Your phone is ready)",
        },
        {
            content: "The reply waits in the messenger's outbox",
            trigger: ".o_notebook a[name=messenger_replies]",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=channel_message_ids] .o_data_row:contains(Your phone is ready):contains(Queued)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_channels_template_tour", {
    // The customer wrote on WhatsApp days ago: an approved template only
    steps: () => [
        {
            content: "The agent is told the window is closed",
            trigger:
                ".alert-warning:contains(24 hours) button:contains(WhatsApp Template)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=template_id] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(ticket_update)",
            run: "click",
        },
        {
            content: "The customer's name and the reference come from the ticket",
            trigger: ".modal .o_field_widget[name=preview]:contains(Hello Olena)",
        },
        {
            content: "The agent types the news",
            trigger:
                ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Typed) td[name=value]",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Typed) td[name=value] input",
            run: "edit the phone is repaired",
        },
        {
            content: "The preview follows",
            trigger: ".modal .modal-title",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name=preview]:contains(the phone is repaired)",
        },
        {
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            trigger:
                ".o-mail-Message-body:contains(Hello Olena):contains(the phone is repaired)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_channels_livechat_tour", {
    // An operator makes a ticket of the visitor's chat with /ticket
    steps: () => [
        {
            trigger: ".o-mail-Composer-input",
            run: "edit /ticket Printer jammed",
        },
        {
            trigger: ".o-mail-Composer-input",
            run: "press Enter",
        },
        {
            content: "The operator (only) gets the new ticket's link",
            trigger:
                ".o-mail-Message:contains(Created the ticket) a:contains(Printer jammed)",
        },
    ],
});
