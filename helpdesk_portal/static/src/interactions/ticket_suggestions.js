/* Copyright 2026 Helpdesk Suite Contributors
   License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */
import {rpc} from "@web/core/network/rpc";
import {registry} from "@web/core/registry";
import {Interaction} from "@web/public/interaction";

/**
 * While a customer types the subject of a new ticket, the help centre's
 * articles that may already answer it are shown under the field.
 */
export class HelpdeskTicketSuggestions extends Interaction {
    static selector = ".o_helpdesk_suggest_form";
    dynamicContent = {
        "input[name=subject]": {"t-on-input": this.onInput},
        "select[name=team_id]": {"t-on-change": this.onInput},
    };

    setup() {
        this.box = this.el.querySelector(".o_helpdesk_suggestions");
        this.list = this.box?.querySelector(".o_helpdesk_suggestions_list");
        this.debouncedSuggest = this.debounced(this.suggest, 350);
        this.asked = "";
    }

    onInput() {
        this.debouncedSuggest();
    }

    teamId() {
        const value =
            this.el.querySelector("select[name=team_id]")?.value ||
            this.el.dataset.teamId;
        return value ? parseInt(value, 10) || null : null;
    }

    async suggest() {
        if (!this.box) {
            return;
        }
        const text = this.el.querySelector("input[name=subject]").value.trim();
        const key = `${this.teamId()}:${text}`;
        if (key === this.asked) {
            return;
        }
        this.asked = key;
        let articles = [];
        if (text.length >= 3) {
            try {
                articles = await this.waitFor(
                    rpc("/help/suggest", {text, team_id: this.teamId()}, {silent: true})
                );
            } catch {
                // Asked too often, or offline: the form works without suggestions
                this.asked = "";
                articles = [];
            }
        }
        this.list.replaceChildren(
            ...articles.map((article) => {
                const link = document.createElement("a");
                link.className = "list-group-item list-group-item-action";
                link.href = article.url;
                link.target = "_blank";
                link.rel = "noopener";
                const title = document.createElement("div");
                title.className = "fw-bold";
                title.textContent = article.name;
                const summary = document.createElement("small");
                summary.className = "text-muted d-block text-truncate";
                summary.textContent = article.summary || "";
                link.append(title, summary);
                return link;
            })
        );
        this.box.classList.toggle("d-none", !articles.length);
    }
}

registry
    .category("public.interactions")
    .add("helpdesk_portal.ticket_suggestions", HelpdeskTicketSuggestions);
