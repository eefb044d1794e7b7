/* Copyright 2026 Helpdesk Suite Contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";

const commands = registry.category("discuss.channel_commands");
commands.add("ticket", {
    condition: ({store}) => store.has_access_livechat,
    help: _t("Create a helpdesk ticket (/ticket ticket title)"),
    methodName: "execute_command_ticket",
});
commands.add("search_tickets", {
    condition: ({store}) => store.has_access_livechat,
    help: _t("Search helpdesk tickets (/search_tickets words)"),
    methodName: "execute_command_search_tickets",
});
