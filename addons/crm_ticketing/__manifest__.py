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
    "depends": ["crm_contact_history", "crm_complaints", "resource"],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_ticketing_security.xml",
        "security/ir.model.access.csv",
        "data/crm_ticketing_data.xml",
        "views/crm_ticket_views.xml",
        "views/crm_ticket_step_views.xml",
        "views/crm_ticket_type_views.xml",
        "views/crm_ticket_maintenance_plan_views.xml",
        "views/crm_sla_policy_views.xml",
        "report/crm_sla_report_views.xml",
        "views/res_partner_views.xml",
        "views/crm_complaint_views.xml",
        "views/crm_ticketing_menus.xml",
        "report/crm_ticket_report.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/crm_ticketing_demo.xml",
    ],
    "installable": True,
    "application": False,
}
