from . import test_phone_numbers
from . import test_phone_lookup
from . import test_crm_telephony_call
from . import test_crm_telephony_webhook
from . import test_crm_telephony_raw_body
from . import test_crm_telephony_call_timeout
from . import test_crm_telephony_secret
from . import test_crm_telephony_dial
