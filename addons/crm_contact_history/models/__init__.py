from . import crm_contact_history
from . import crm_customer_insight
from . import mail_message
from . import mail_activity
from . import res_partner
from . import account_invoice
from . import res_config_settings
