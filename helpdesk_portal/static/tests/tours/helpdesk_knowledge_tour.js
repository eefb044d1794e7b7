/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_portal_agent_knowledge_tour", {
    steps: () => [
        {
            content: "The ticket's matching articles",
            trigger: ".o_notebook_headers a:contains(Knowledge)",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=article_suggestion_ids] .o_data_row:contains(Clear a paper jam)",
        },
        {
            content: "Reply to the customer",
            trigger: ".o-mail-Chatter-sendMessage",
            run: "click",
        },
        {
            content: "Pick an article where the agent types",
            trigger: ".o-mail-Composer button[title='Insert a Knowledge Base Article']",
            run: "click",
        },
        {
            content: "The articles matching the ticket are listed first",
            trigger: ".modal .o_searchview_facet:contains(Matching the Ticket)",
        },
        {
            trigger: ".modal .o_data_row:contains(Clear a paper jam) td.o_data_cell",
            run: "click",
        },
        {
            content: "Send its link",
            trigger: ".modal-footer button:contains(Link)",
            run: "click",
        },
        {
            content: "The link is inserted, in the customer's language",
            trigger: ".o-mail-Composer-input",
            run() {
                const value = this.anchor.value;
                if (
                    !value.includes("Замятие бумаги") ||
                    !value.includes("/help/article/")
                ) {
                    throw new Error(`unexpected text: ${value}`);
                }
            },
        },
        {
            trigger: ".o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: ".o-mail-Message-body:contains(Замятие бумаги)",
            run: "hover",
        },
        {
            content: "Keep this answer as an article",
            trigger:
                ".o-mail-Message:has(.o-mail-Message-body:contains(Замятие бумаги)) [title='Expand']",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:contains(Create an Article)",
            run: "click",
        },
        {
            content: "The draft opens",
            trigger:
                ".o_form_view .o_field_widget[name=name]:contains(Paper jam again), .o_form_view .o_field_widget[name=name] input:value(Paper jam again)",
        },
    ],
});
