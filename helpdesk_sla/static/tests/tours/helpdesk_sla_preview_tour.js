/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_sla_preview_tour", {
    steps: () => [
        {
            content: "The policy's saved resolution target",
            trigger: ".o_form_view div[name=resolution_hours] input:value(16:00)",
        },
        {
            content: "Edit the resolution target, without saving",
            trigger: ".o_form_view div[name=resolution_hours] input",
            run: "edit 02:00",
        },
        {
            content: "Open the preview",
            trigger: ".o_helpdesk_sla_preview_button",
            run: "click",
        },
        {
            content: "The dialog previews the value being edited",
            trigger: ".modal div[name=resolution_hours] input:value(02:00)",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The policy was not saved: discard the change",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back to the saved value",
            trigger: ".o_form_view div[name=resolution_hours] input:value(16:00)",
        },
    ],
});
