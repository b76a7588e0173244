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
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/crm_contact_history_templates.xml",
        "views/crm_contact_history_views.xml",
        "views/crm_customer_insight_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_contact_history_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
    "application": True,
}
