# The contact history view reads the tables of the models below: they are set up first.
from . import resource_calendar
from . import crm_ticket_step_mixin
from . import crm_ticket_stage
from . import crm_ticket_type
from . import crm_ticket_type_step
from . import crm_ticket
from . import crm_ticket_step
from . import crm_ticket_maintenance_plan
from . import crm_complaint
from . import res_partner
from . import crm_contact_history
