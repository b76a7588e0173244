# crm.ticket first: its fields type_id, stage_id and maintenance_plan_id are reflected before the models of
# the same prefix, so their ir.model.fields xml ids (and the translations of their labels) never carry a
# database-dependent suffix. The contact history view reads the tables of the models below: it comes last.
from . import crm_ticket
from . import crm_ticket_planning
from . import crm_ticket_sale
from . import crm_ticket_timesheet
from . import crm_ticket_coverage
from . import crm_ticket_step_mixin
from . import crm_ticket_stage
from . import crm_ticket_type
from . import crm_ticket_type_step
from . import crm_ticket_step
from . import crm_ticket_step_sale
from . import crm_ticket_step_timesheet
from . import crm_ticket_step_coverage
from . import crm_ticket_step_escalation
from . import crm_ticket_maintenance_plan
from . import crm_ticket_maintenance_contract
from . import crm_ticket_equipment
from . import account_analytic_line
from . import crm_sla_policy
from . import crm_ticket_sla
from . import crm_ticket_portal
from . import crm_ticket_rating
from . import crm_ticket_duplicate
from . import crm_ticket_signature
from . import crm_complaint
from . import res_partner
from . import res_partner_process_actions
from . import crm_contact_history
