# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Helpdesk SLA",
    "summary": "Service level policies, working-hours deadlines and escalation",
    "version": "19.0.1.1.0",
    "category": "Services/Helpdesk",
    "license": "LGPL-3",
    "author": "Helpdesk Suite Contributors",
    "website": "https://github.com/helpdesk-suite/helpdesk-suite",
    "depends": ["helpdesk_base", "resource"],
    "data": [
        "security/helpdesk_sla_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_sla_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_sla_views.xml",
        "views/helpdesk_sla_status_views.xml",
        "views/helpdesk_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_agent_performance_views.xml",
        "views/res_partner_views.xml",
        "wizard/helpdesk_sla_preview_views.xml",
        "views/helpdesk_menus.xml",
    ],
    "demo": ["demo/helpdesk_sla_demo.xml"],
    "assets": {
        "web.assets_backend": ["helpdesk_sla/static/src/**/*"],
        "web.assets_tests": ["helpdesk_sla/static/tests/tours/*.js"],
    },
    "pre_init_hook": "pre_init_hook",
    "development_status": "Beta",
}
