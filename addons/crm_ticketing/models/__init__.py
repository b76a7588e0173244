# The contact history view reads the tables of the models below: they are set up first.
from . import resource_calendar
from . import crm_ticket_step_mixin
# crm.ticket before its stages and types: Odoo names the xml id of a field after its model and field, so
# crm.ticket.type_id and crm.ticket.type's id both want field_crm_ticket_type_id (stage_id likewise); the
# first reflected gets it (the translations link to it).
from . import crm_ticket
from . import crm_ticket_stage
from . import crm_ticket_type
from . import crm_ticket_type_step
from . import crm_ticket_step
from . import crm_ticket_maintenance_plan
from . import crm_complaint
from . import res_partner
from . import crm_contact_history
