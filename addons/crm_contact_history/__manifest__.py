# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer File (Contact History)",
    "summary": "One contact history, the commercial picture, payment behaviour "
               "and customer insights per customer",
    "version": "11.0.1.0.0",
    "category": "Customer Service",
    "website": "https://github.com/crm-addons/crm-addons",
    "author": "CRM Add-ons",
    "license": "LGPL-3",
    "depends": [
        "contacts",
        "mail",
        "calendar",
        "sale_management",
        "account_invoicing",
    ],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_contact_history_security.xml",
        "views/crm_contact_history_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
    "application": True,
}
