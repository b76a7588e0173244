# The contact history view reads crm_telephony_call: crm_contact_history is imported last.
from . import crm_telephony_secret
from . import res_company
from . import res_users
from . import res_partner
from . import res_partner_display
from . import crm_telephony_call
from . import crm_telephony_call_event
from . import crm_telephony_screen_pop
from . import crm_telephony_dial
from . import crm_telephony_provider
from . import crm_telephony_provider_sipgate
from . import crm_telephony_provider_placetel
from . import crm_telephony_provider_3cx
from . import crm_telephony_provider_pbx
from . import crm_telephony_webhook
from . import res_config_settings
from . import crm_contact_history
