/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_returns_return_tour", {
    // As an agent without Inventory nor Invoicing rights
    steps: () => [
        {
            content: "The ticket is about the customer's order",
            trigger: ".o_field_widget[name=sale_order_id] input",
            run: "click",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(S0)",
            run: "click",
        },
        {
            content: "The ticket's product stays (it is on the order)",
            trigger: ".o_field_widget[name=product_id] input:value(T Kettle)",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Take a kettle back",
            trigger: "button.o_helpdesk_return",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=picking_id] input:value(WH/OUT)",
        },
        {
            content: "One kettle only",
            trigger:
                ".modal .o_field_widget[name=line_ids] .o_data_row:contains(T Kettle) td[name=quantity]",
            run: "click",
        },
        {
            trigger:
                ".modal .o_field_widget[name=line_ids] .o_data_row:contains(T Kettle) td[name=quantity] input",
            run: "edit 1",
        },
        {
            trigger: ".modal button.o_helpdesk_return_confirm",
            run: "click",
        },
        {
            content: "The return is linked and said in the history",
            trigger: ".oe_stat_button:contains(Returns):contains(1)",
        },
        {
            trigger: ".o-mail-Message:contains(WH/IN)",
        },
        {
            content: "Refund the invoice of the order",
            trigger: "button.o_helpdesk_refund",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=move_id] input:value(INV)",
        },
        {
            trigger: ".modal button.o_helpdesk_refund_confirm",
            run: "click",
        },
        {
            content: "The credit note is linked and said in the history",
            trigger: ".oe_stat_button:contains(Credit Notes):contains(1)",
        },
        {
            trigger: ".o-mail-Message:contains(Refund)",
        },
    ],
});
