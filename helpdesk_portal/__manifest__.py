# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Helpdesk Portal",
    "summary": "Customers follow, answer, close and rate their tickets online",
    "version": "19.0.1.1.0",
    "category": "Services/Helpdesk",
    "license": "LGPL-3",
    "author": "Helpdesk Suite Contributors",
    "website": "https://github.com/helpdesk-suite/helpdesk-suite",
    "depends": ["helpdesk_base", "portal", "rating"],
    "data": [
        "security/ir.model.access.csv",
        "security/helpdesk_portal_security.xml",
        "data/ir_config_parameter_data.xml",
        "data/mail_template_data.xml",
        "views/helpdesk_stage_views.xml",
        "views/helpdesk_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_templates.xml",
        "views/helpdesk_article_views.xml",
        "views/helpdesk_article_category_views.xml",
        "views/helpdesk_article_suggestion_views.xml",
        "views/help_centre_templates.xml",
    ],
    "demo": ["demo/helpdesk_portal_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "helpdesk_portal/static/src/scss/*.scss",
            "helpdesk_portal/static/src/interactions/*.js",
        ],
        "web.assets_backend": ["helpdesk_portal/static/src/backend/*.js"],
        "web.assets_tests": ["helpdesk_portal/static/tests/tours/*.js"],
    },
    "development_status": "Beta",
}
