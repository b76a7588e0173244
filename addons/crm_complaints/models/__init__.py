# The history view reads the tables of the models below: they are set up first.
from . import crm_complaint_stage
from . import crm_complaint_category
from . import crm_complaint
from . import crm_complaint_suggestion
from . import account_invoice
from . import sale_order
from . import res_partner
from . import crm_contact_history
