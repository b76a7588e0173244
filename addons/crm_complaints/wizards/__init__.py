from . import crm_complaint_credit_note
from . import crm_complaint_replacement
from . import crm_complaint_forward
