# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Service Tickets (Process Templates)",
    "summary": "Service processes as templates: all steps, time and cost at once, deadlines tracked and escalated",
    "version": "11.0.1.0.0",
    "category": "Customer Service",
    "website": "https://github.com/crm-addons/crm-addons",
    "author": "CRM Add-ons",
    "license": "LGPL-3",
    "depends": ["crm_contact_history", "crm_complaints"],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_ticketing_security.xml",
        "views/crm_ticketing_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
    "application": False,
}
