/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

function attachFile(input, name, content, type) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, {type}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

registry.category("web_tour.tours").add("helpdesk_portal_customer_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Open the new ticket form",
            trigger: "a.o_helpdesk_portal_new_ticket",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_helpdesk_portal_new_form input[name=subject]",
            run: "edit Tour: the printer is on fire",
        },
        {
            trigger: ".o_helpdesk_portal_new_form textarea[name=description]",
            run: "edit Smoke everywhere since this morning.",
        },
        {
            content: "Attach a file",
            trigger: ".o_helpdesk_portal_new_form input[name=attachments]",
            run() {
                attachFile(this.anchor, "smoke.txt", "Lots of smoke", "text/plain");
            },
        },
        {
            trigger: ".o_helpdesk_portal_new_form button.o_helpdesk_portal_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket page shows the new ticket and its file",
            trigger:
                ".o_helpdesk_portal_ticket h3:contains(Tour: the printer is on fire)",
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-Message .o-mail-AttachmentContainer, #chatterRoot:shadow .o-mail-Message:contains(smoke.txt)",
        },
        {
            content: "Reply",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit It is getting worse.",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-Message-body:contains(It is getting worse.)",
        },
        {
            content: "Close the ticket",
            trigger: "button.o_helpdesk_portal_close_button",
            run: "click",
        },
        {
            content: "Closing asks for a confirmation",
            trigger: ".modal.show button.o_helpdesk_portal_close_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Rate the support",
            trigger: ".o_helpdesk_portal_rate input.o_helpdesk_portal_rate_5",
            run: "click",
        },
        {
            trigger: ".o_helpdesk_portal_rate textarea[name=feedback]",
            run: "edit Quick and kind",
        },
        {
            trigger: "button.o_helpdesk_portal_rate_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The rating is shown",
            trigger: ".o_helpdesk_portal_rating:contains(Quick and kind)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_portal_public_form_tour", {
    steps: () => [
        {
            trigger: ".o_helpdesk_public_form input[name=contact_name]",
            run: "edit Visitor Vera",
        },
        {
            trigger: ".o_helpdesk_public_form input[name=email]",
            run: "edit vera@visitor.example.com",
        },
        {
            trigger: ".o_helpdesk_public_form input[name=subject]",
            run: "edit Tour: where is my order?",
        },
        {
            trigger: ".o_helpdesk_public_form textarea[name=description]",
            run: "edit Ordered last week.",
        },
        {
            trigger: ".o_helpdesk_public_form button.o_helpdesk_portal_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The visitor is thanked",
            trigger: ".o_helpdesk_public_thanks h1",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_portal_waiting_reply_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Open the ticket the team waits an answer on",
            trigger: "a.o_helpdesk_portal_subject:contains(Which model is it?)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_helpdesk_portal_ticket .badge:contains(T Waiting)",
        },
        {
            content: "Answer",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit It is a LaserJet 4000.",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger:
                "#chatterRoot:shadow .o-mail-Message-body:contains(It is a LaserJet 4000.)",
            run() {
                window.location.reload();
            },
            expectUnloadPage: true,
        },
        {
            content: "The ticket is back with the team",
            trigger: ".o_helpdesk_portal_ticket .badge:contains(T In Progress)",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_portal_mobile_list_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Phones get one card per ticket, nothing scrolls sideways",
            trigger:
                ".o_helpdesk_portal_tickets tr.o_helpdesk_portal_row:contains(Printer on fire)",
            run() {
                if (getComputedStyle(this.anchor).display !== "flex") {
                    throw new Error("the ticket is shown as a table row on a phone");
                }
                const header = document.querySelector(
                    ".o_helpdesk_portal_tickets thead"
                );
                if (header && header.offsetParent !== null) {
                    throw new Error("the table header is shown on a phone");
                }
                const page = document.scrollingElement || document.documentElement;
                if (page.scrollWidth > window.innerWidth + 1) {
                    throw new Error(
                        `the list scrolls sideways: ${page.scrollWidth} > ${window.innerWidth}`
                    );
                }
            },
        },
        {
            trigger: "tr.o_helpdesk_portal_row:contains(Printer on fire) .badge",
        },
        {
            trigger:
                "tr.o_helpdesk_portal_row:contains(Printer on fire) a.o_helpdesk_portal_subject",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The automatic e-mail the customer received is in the thread",
            trigger:
                "#chatterRoot:shadow .o-mail-Message-body:contains(We got your request)",
        },
        {
            content: "Closing asks for a confirmation",
            trigger: "button.o_helpdesk_portal_close_button",
            run: "click",
        },
        {
            trigger:
                ".modal.show button.o_helpdesk_portal_close_confirm:contains(Close the ticket)",
        },
        {
            trigger: ".modal.show button[data-bs-dismiss=modal]:contains(Cancel)",
            run: "click",
        },
    ],
});

registry.category("web_tour.tours").add("helpdesk_portal_suggestions_tour", {
    // A customer starts a request the help centre already answers
    steps: () => [
        {
            trigger: "form.o_helpdesk_suggest_form input[name=subject]",
            run: "edit My printer says paper jam",
        },
        {
            content: "The article that may answer it is offered",
            trigger:
                ".o_helpdesk_suggestions:not(.d-none) a[href^='/help/article/']:contains(Clear a paper jam)",
        },
        {
            content: "An internal article is never offered",
            trigger: ".o_helpdesk_suggestions:not(:contains(service counter))",
        },
        {
            content: "Open it",
            trigger: ".o_helpdesk_suggestions a:contains(Clear a paper jam)",
            run() {
                // Opened in a new tab in real life: follow its link here
                window.location.href = this.anchor.getAttribute("href");
            },
            expectUnloadPage: true,
        },
        {
            trigger: "h1:contains(Clear a paper jam)",
        },
    ],
});
