/* Copyright 2026 Helpdesk Suite Contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {Failure} from "@mail/core/common/failure_model";
import {Message} from "@mail/core/common/message_model";
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
    get failureMessage() {
        if (this.failure_type === "helpdesk_channel_refused") {
            return _t("Refused by the messenger (see the ticket's Messenger tab)");
        }
        return super.failureMessage;
    },
});

patch(Message.prototype, {
    /** The delivery shown on the message: the customer's messenger reply
     * rather than a follower's e-mail. */
    get helpdeskMainNotification() {
        return (
            this.notification_ids.find(
                (n) => n.notification_type === "helpdesk_channel"
            ) || this.notification_ids[0]
        );
    },
});

patch(Failure.prototype, {
    get body() {
        if (this.type === "helpdesk_channel") {
            if (this.notifications.length === 1 && this.lastMessage?.thread) {
                return _t("A reply did not reach the messenger on “%(record_name)s”", {
                    record_name: this.lastMessage.thread.display_name,
                });
            }
            return _t("Replies did not reach the messenger");
        }
        return super.body;
    },
});
