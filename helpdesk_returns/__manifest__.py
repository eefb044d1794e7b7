# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Helpdesk After-Sales",
    "summary": "Returns, refunds, repairs, coupons from a ticket, by Odoo's wizards",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "LGPL-3",
    "author": "Helpdesk Suite Contributors",
    "website": "https://github.com/helpdesk-suite/helpdesk-suite",
    "depends": ["helpdesk_base", "loyalty", "repair", "sale_stock"],
    "data": [
        "security/ir.model.access.csv",
        "views/helpdesk_team_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/stock_picking_views.xml",
        "wizard/helpdesk_ticket_return_views.xml",
        "wizard/helpdesk_ticket_refund_views.xml",
        "wizard/helpdesk_ticket_coupon_views.xml",
        "wizard/helpdesk_ticket_repair_views.xml",
        "views/account_move_views.xml",
    ],
    "demo": ["demo/helpdesk_returns_demo.xml"],
    "assets": {
        "web.assets_tests": ["helpdesk_returns/static/tests/tours/*.js"],
    },
    "development_status": "Alpha",
}
