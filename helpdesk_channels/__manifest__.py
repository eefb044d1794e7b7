# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Helpdesk Channels",
    "summary": "Telegram, WhatsApp, Viber, VK and webhooks into the helpdesk inbox",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "LGPL-3",
    "author": "Helpdesk Suite Contributors",
    "website": "https://github.com/helpdesk-suite/helpdesk-suite",
    "depends": ["helpdesk_base", "im_livechat", "phone_validation"],
    "data": [
        "security/helpdesk_channels_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/utm_medium_data.xml",
        "views/helpdesk_channel_views.xml",
        "views/helpdesk_channel_event_views.xml",
        "views/helpdesk_channel_contact_views.xml",
        "views/helpdesk_channel_message_views.xml",
        "wizard/helpdesk_ticket_channel_template_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_team_views.xml",
        "views/chatbot_script_step_views.xml",
        "wizard/helpdesk_ticket_phone_views.xml",
        "views/helpdesk_channels_menus.xml",
    ],
    "demo": ["demo/helpdesk_channels_demo.xml"],
    "assets": {
        "web.assets_backend": ["helpdesk_channels/static/src/**/*"],
        "web.assets_tests": ["helpdesk_channels/static/tests/tours/*.js"],
    },
    "development_status": "Alpha",
}
