// Copyright 2026 Helpdesk Suite Contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {registerComposerAction} from "@mail/core/common/composer_actions";
import {insertInComposer} from "@helpdesk_base/composer/response_template_action";
import {registerMessageAction} from "@mail/core/common/message_actions";
import {ConfirmationDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {_t} from "@web/core/l10n/translation";
import {SelectCreateDialog} from "@web/views/view_dialogs/select_create_dialog";

const TICKET = "helpdesk.ticket";

/**
 * Insert the article's link or text (``mode``), in the customer's language,
 * where the agent types.
 */
export async function insertArticle(owner, composer, articleId, mode) {
    const thread = composer.targetThread;
    const text = await owner.env.services.orm.call(TICKET, "get_article_reply_text", [
        [thread.id],
        articleId,
        mode,
    ]);
    insertInComposer(owner, composer, text);
}

registerComposerAction("helpdesk-knowledge-article", {
    condition: ({composer, owner}) =>
        composer.targetThread?.model === TICKET &&
        composer.targetThread.id &&
        !composer.message &&
        !owner.env.inFrontendPortalChatter,
    icon: "fa fa-book",
    name: _t("Insert a Knowledge Base Article"),
    onSelected: ({composer, owner}) => {
        const dialog = owner.env.services.dialog;
        dialog.add(SelectCreateDialog, {
            resModel: "helpdesk.article",
            title: _t("Knowledge Base"),
            multiSelect: false,
            noCreate: true,
            domain: [["is_published", "=", true]],
            context: {
                helpdesk_ticket_id: composer.targetThread.id,
                search_default_filter_matching_ticket: 1,
                list_view_ref: "helpdesk_portal.helpdesk_article_view_list_insert",
            },
            onSelected: ([articleId]) => {
                if (!articleId) {
                    return;
                }
                dialog.add(ConfirmationDialog, {
                    title: _t("Insert the Article"),
                    body: _t(
                        "Send the customer the article's link, or paste its text " +
                            "in your reply? Both are in the customer's language."
                    ),
                    confirmLabel: _t("Link"),
                    cancelLabel: _t("Text"),
                    confirm: () => insertArticle(owner, composer, articleId, "link"),
                    cancel: () => insertArticle(owner, composer, articleId, "text"),
                    // Closing the dialog inserts nothing
                    dismiss: () => undefined,
                });
            },
        });
    },
    sequence: 5,
    sequenceQuick: 16,
});

registerMessageAction("helpdesk-create-article", {
    condition: ({message, thread}) =>
        thread?.model === TICKET &&
        !message.isEmpty &&
        ["comment", "email"].includes(message.message_type),
    icon: "fa fa-book",
    name: _t("Create an Article"),
    onSelected: async ({message, owner, thread}) => {
        const action = await owner.env.services.orm.call(
            TICKET,
            "action_create_article_from_message",
            [[thread.id], message.id]
        );
        await owner.env.services.action.doAction(action);
    },
    sequence: 75,
});
