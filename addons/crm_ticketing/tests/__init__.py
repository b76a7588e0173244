from . import test_ticket_type
from . import test_ticket_planning
from . import test_ticket_holidays
from . import test_ticket_workflow
from . import test_ticket_escalation
from . import test_ticket_sale
from . import test_ticket_events
from . import test_ticket_security
