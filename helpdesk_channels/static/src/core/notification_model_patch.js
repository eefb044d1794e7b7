/* Copyright 2026 Helpdesk Suite Contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Notification} from "@mail/core/common/notification_model";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

patch(Notification.prototype, {
    get icon() {
        if (this.notification_type === "helpdesk_channel") {
            return "fa fa-paper-plane-o";
        }
        return super.icon;
    },
    get label() {
        if (this.notification_type === "helpdesk_channel") {
            return _t("Messenger");
        }
        return super.label;
    },
});
