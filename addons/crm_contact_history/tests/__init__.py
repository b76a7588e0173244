from . import test_menus
from . import test_contact_history
from . import test_customer_figures
from . import test_payment_behaviour
from . import test_open_processes
from . import test_customer_insight
from . import test_bulk_writer
from . import test_history_sources
