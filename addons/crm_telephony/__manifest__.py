# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Telephony (Caller Recognition)",
    "summary": "Caller recognition, screen pop with a live note pad, call log, provider webhooks, click-to-dial",
    "version": "11.0.1.1.0",
    "category": "Customer Service",
    "website": "https://github.com/crm-addons/crm-addons",
    "author": "CRM Add-ons",
    "license": "LGPL-3",
    "depends": ["crm_contact_history", "bus"],
    "external_dependencies": {"python": ["phonenumbers", "rsa", "requests"]},
    "data": [
        "security/crm_telephony_security.xml",
        "security/ir.model.access.csv",
        "data/res_users_data.xml",
        "data/mail_activity_data.xml",
        "data/res_company_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_telephony_templates.xml",
        "views/crm_telephony_call_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_telephony_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_telephony_call_demo.xml",
    ],
    "qweb": [
        "static/src/xml/screen_pop.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "post_load": "post_load",
    "installable": True,
    "application": False,
}
