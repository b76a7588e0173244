# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Telephony (Caller Recognition)",
    "summary": "Caller recognition, screen pop with a live note pad, call log, provider webhooks, click-to-dial",
    "version": "11.0.1.0.0",
    "category": "Customer Service",
    "website": "https://github.com/crm-addons/crm-addons",
    "author": "CRM Add-ons",
    "license": "LGPL-3",
    "depends": ["crm_contact_history"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/crm_telephony_security.xml",
        "views/crm_telephony_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
    "application": False,
}
