from . import crm_ticket_type_change
from . import crm_ticket_duplicate
from . import crm_ticket_sign
