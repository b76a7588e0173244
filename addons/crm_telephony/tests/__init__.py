from . import test_phone_numbers
from . import test_phone_lookup
from . import test_phone_recognition
from . import test_crm_telephony_call
from . import test_crm_telephony_screen_pop
from . import test_crm_telephony_webhook
from . import test_crm_telephony_raw_body
