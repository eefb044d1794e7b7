// Copyright 2026 Helpdesk Suite Contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {toRaw} from "@odoo/owl";
import {registerComposerAction} from "@mail/core/common/composer_actions";
import {MailComposerTemplateSelector} from "@mail/core/web/mail_composer_template_selector";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";
import {SelectCreateDialog} from "@web/views/view_dialogs/select_create_dialog";

const TICKET = "helpdesk.ticket";
// The response templates only: the stage and reminder e-mails are automation
export const RESPONSE_DOMAIN = [
    ["model", "=", TICKET],
    ["is_helpdesk_response", "=", true],
];

/**
 * Insert ``text`` in the composer where the agent types (the html editor's
 * selection, or the text area's), and give it the focus back.
 */
export function insertInComposer(owner, composer, text) {
    const raw = toRaw(composer);
    if (owner.editor) {
        owner.editor.shared.dom.insert(text);
        owner.editor.shared.history.addStep();
    } else {
        raw.insertText(text, raw.selection.start);
    }
    raw.autofocus++;
}

/**
 * Insert the response template ``templateId``, rendered for the ticket in the
 * customer's language, where the agent types.
 */
export async function insertResponseTemplate(owner, composer, templateId) {
    const thread = composer.targetThread;
    const text = await owner.env.services.orm.call(
        TICKET,
        "get_response_template_text",
        [[thread.id], templateId]
    );
    insertInComposer(owner, composer, text);
}

registerComposerAction("helpdesk-response-template", {
    condition: ({composer, owner}) =>
        composer.targetThread?.model === TICKET &&
        composer.targetThread.id &&
        !composer.message &&
        !owner.env.inFrontendPortalChatter,
    icon: "fa fa-comments-o",
    name: _t("Insert a Response Template"),
    onSelected: ({composer, owner}) => {
        owner.env.services.dialog.add(SelectCreateDialog, {
            resModel: "mail.template",
            title: _t("Response Templates"),
            multiSelect: false,
            noCreate: true,
            domain: RESPONSE_DOMAIN,
            context: {
                list_view_ref: "helpdesk_base.mail_template_view_list",
                search_view_ref: "helpdesk_base.mail_template_view_search",
            },
            onSelected: async ([templateId]) => {
                if (templateId) {
                    await insertResponseTemplate(owner, composer, templateId);
                }
            },
        });
    },
    sequence: 4,
    // Next to the emojis: the obvious button where the agent types
    sequenceQuick: 15,
});

// The full composer's template picker offers the response templates only
patch(MailComposerTemplateSelector.prototype, {
    async fetchTemplates() {
        await super.fetchTemplates(...arguments);
        if (this.props.record.data.render_model !== TICKET) {
            return;
        }
        const allowed = new Set(
            await this.orm.search("mail.template", RESPONSE_DOMAIN)
        );
        this.state.templates = this.state.templates.filter(({id}) => allowed.has(id));
    },

    onSelectTemplateSearchMoreBtnClick() {
        if (this.props.record.data.render_model !== TICKET) {
            return super.onSelectTemplateSearchMoreBtnClick(...arguments);
        }
        this.env.services.dialog.add(SelectCreateDialog, {
            resModel: "mail.template",
            title: _t("Response Templates"),
            multiSelect: false,
            noCreate: true,
            domain: RESPONSE_DOMAIN,
            onSelected: async (templateIds) => {
                await this.props.record.update({template_id: {id: templateIds[0]}});
            },
        });
    },
});
