from . import crm_ticket_type_change
