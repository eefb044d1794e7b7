/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("helpdesk_timesheet_timer_tour", {
    steps: () => [
        {
            content: "Start the timer",
            trigger: "button.o_helpdesk_timer_start",
            run: "click",
        },
        {
            content: "It runs: it can be paused or stopped, its clock ticks",
            trigger: "button.o_helpdesk_timer_pause",
        },
        {
            trigger: ".o_helpdesk_timer_clock:contains(00:00:)",
        },
        {
            trigger: "button.o_helpdesk_timer_stop",
            run: "click",
        },
        {
            content: "Say what was done",
            trigger: ".modal div[name=description] input",
            run: "edit Tour: reset the router",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The timer is gone, the time is logged",
            trigger: "button.o_helpdesk_timer_start",
        },
        {
            trigger: ".o_notebook a.nav-link[name=timesheets]",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=timesheet_ids] .o_data_row:contains(Tour: reset the router)",
        },
    ],
});
