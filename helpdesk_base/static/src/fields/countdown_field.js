// Copyright 2026 Helpdesk Suite Contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {Component, onWillUnmount, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {formatDateTime} from "@web/core/l10n/dates";
import {registry} from "@web/core/registry";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const {DateTime} = luxon;

/**
 * The time left before a deadline, or how late it is, in hours and minutes
 * ("in 42 min", "in 3 h 10 min", "2 h late", "in 3 days"), refreshed every
 * minute; the exact date shows on hover.
 */
export function formatCountdown(minutes) {
    const total = Math.abs(Math.round(minutes));
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    let span = _t("%(days)s days", {days: Math.round(total / 1440)});
    if (total < 60) {
        span = _t("%(minutes)s min", {minutes: total});
    } else if (total < 48 * 60) {
        span =
            rest && hours < 10
                ? _t("%(hours)s h %(minutes)s min", {hours, minutes: rest})
                : _t("%(hours)s h", {hours});
    }
    return minutes >= 0 ? _t("in %(span)s", {span}) : _t("%(span)s late", {span});
}

export class CountdownField extends Component {
    static template = "helpdesk_base.CountdownField";
    static props = {...standardFieldProps};

    setup() {
        this.state = useState({now: DateTime.now()});
        const timer = setInterval(() => {
            this.state.now = DateTime.now();
        }, 60000);
        onWillUnmount(() => clearInterval(timer));
    }

    get deadline() {
        return this.props.record.data[this.props.name];
    }

    get minutes() {
        return this.deadline.diff(this.state.now, "minutes").minutes;
    }

    get label() {
        return formatCountdown(this.minutes);
    }

    get title() {
        return formatDateTime(this.deadline);
    }

    get className() {
        const minutes = this.minutes;
        if (minutes < 0) {
            return "text-danger fw-bold";
        }
        return minutes < 60 ? "text-warning fw-bold" : "";
    }
}

export const countdownField = {
    component: CountdownField,
    displayName: _t("Countdown"),
    supportedTypes: ["datetime"],
};

registry.category("fields").add("helpdesk_countdown", countdownField);
