# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Complaint Management",
    "summary": "Complaints with similar known cases at once, remedies as ERP actions, forwarding, product feedback",
    "version": "11.0.1.0.0",
    "category": "Customer Service",
    "website": "https://github.com/crm-addons/crm-addons",
    "author": "CRM Add-ons",
    "license": "LGPL-3",
    "depends": ["crm_contact_history"],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_complaints_security.xml",
        "views/crm_complaints_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "installable": True,
    "application": False,
}
