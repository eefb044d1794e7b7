# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Helpdesk Timesheets",
    "summary": "Time spent on tickets, a timer, billing through sales orders",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "LGPL-3",
    "author": "Helpdesk Suite Contributors",
    "website": "https://github.com/helpdesk-suite/helpdesk-suite",
    "depends": [
        "helpdesk_base",
        "helpdesk_portal",
        "hr_timesheet",
        "sale_timesheet",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/helpdesk_timesheet_security.xml",
        "data/mail_template_data.xml",
        "views/account_analytic_line_views.xml",
        "views/helpdesk_ticket_timer_views.xml",
        "views/helpdesk_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "wizard/helpdesk_ticket_timer_stop_views.xml",
        "views/helpdesk_menus.xml",
        "views/helpdesk_portal_templates.xml",
    ],
    "demo": ["demo/helpdesk_timesheet_demo.xml"],
    "assets": {
        "web.assets_backend": ["helpdesk_timesheet/static/src/**/*"],
        "web.assets_tests": ["helpdesk_timesheet/static/tests/tours/*.js"],
    },
    "development_status": "Alpha",
}
