"""Reports of complaint handling."""
from . import crm_complaint_rate_report
from . import crm_sla_report_mixin
from . import crm_complaint_sla_report
