from . import crm_sla_report
from . import crm_ticket_hours_report
