# The history view reads the tables of the models below: they are set up first.
from . import mail_message
from . import mail_activity
from . import crm_customer_insight
from . import res_partner
from . import res_partner_payment_grade
from . import res_partner_open_processes
from . import res_partner_process_actions
from . import res_partner_field_access
from . import account_invoice
from . import res_config_settings
from . import crm_contact_history
from . import crm_contact_history_access
from . import crm_bulk_writer
