from . import crm_sla_report
