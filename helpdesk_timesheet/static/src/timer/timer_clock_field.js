// Copyright 2026 Helpdesk Suite Contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {Component, onWillUnmount, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const {DateTime} = luxon;

/**
 * The running timer's clock: the time of the earlier runs plus the current one,
 * ticking every second (the timer itself lives on the server).
 */
export class TimerClockField extends Component {
    static template = "helpdesk_timesheet.TimerClockField";
    static props = {...standardFieldProps};

    setup() {
        this.state = useState({now: DateTime.now()});
        const tick = setInterval(() => {
            this.state.now = DateTime.now();
        }, 1000);
        onWillUnmount(() => clearInterval(tick));
    }

    get seconds() {
        const {data} = this.props.record;
        const since = data[this.props.name];
        const running = since
            ? Math.max(this.state.now.diff(since, "seconds").seconds, 0)
            : 0;
        return Math.floor((data.timer_elapsed_seconds || 0) + running);
    }

    get label() {
        const total = this.seconds;
        const pad = (value) => String(value).padStart(2, "0");
        return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
    }
}

export const timerClockField = {
    component: TimerClockField,
    displayName: _t("Timer clock"),
    supportedTypes: ["datetime"],
    fieldDependencies: [{name: "timer_elapsed_seconds", type: "integer"}],
};

registry.category("fields").add("helpdesk_timer_clock", timerClockField);
