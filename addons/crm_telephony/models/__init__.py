# The contact history view reads crm_phonecall: crm_contact_history is imported last.
from . import res_company
from . import res_users
from . import res_partner
from . import crm_phonecall
from . import crm_telephony_webhook
from . import res_config_settings
from . import crm_contact_history
