from . import test_phone_numbers
from . import test_phone_lookup
from . import test_phonecall
from . import test_webhooks
