/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Component} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";
import {useService} from "@web/core/utils/hooks";

const MANY2ONE_FIELDS = ["team_id", "calendar_id"];
const MANY2MANY_FIELDS = [
    "priority_ids",
    "severity_ids",
    "ticket_type_ids",
    "tag_ids",
    "partner_ids",
];
const HOURS_FIELDS = ["first_response_hours", "resolution_hours"];

/**
 * "Preview on last 30 days" button of the SLA policy form. Unlike a button of
 * type object, it does not save the policy: the preview dialog gets the values
 * being edited through its context.
 */
export class HelpdeskSlaPreviewButton extends Component {
    static template = "helpdesk_sla.HelpdeskSlaPreviewButton";
    static props = {...standardWidgetProps};

    setup() {
        this.action = useService("action");
    }

    get previewContext() {
        const {record} = this.props;
        const data = record.data;
        const context = {default_sla_id: record.resId || false};
        for (const name of MANY2ONE_FIELDS) {
            context[`default_${name}`] = data[name] ? data[name].id : false;
        }
        for (const name of MANY2MANY_FIELDS) {
            context[`default_${name}`] = [[6, 0, data[name].currentIds]];
        }
        for (const name of HOURS_FIELDS) {
            context[`default_${name}`] = data[name];
        }
        context.default_domain = data.domain || false;
        return context;
    }

    onClick() {
        return this.action.doAction("helpdesk_sla.helpdesk_sla_preview_action", {
            additionalContext: this.previewContext,
        });
    }
}

export const helpdeskSlaPreviewButton = {
    component: HelpdeskSlaPreviewButton,
    fieldDependencies: [
        ...MANY2ONE_FIELDS.map((name) => ({name, type: "many2one"})),
        ...MANY2MANY_FIELDS.map((name) => ({name, type: "many2many"})),
        ...HOURS_FIELDS.map((name) => ({name, type: "float"})),
        {name: "domain", type: "char"},
    ],
};

registry
    .category("view_widgets")
    .add("helpdesk_sla_preview_button", helpdeskSlaPreviewButton);
