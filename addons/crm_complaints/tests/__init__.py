"""Odoo-native tests of complaint management."""
from . import test_complaint
from . import test_similar_complaints
from . import test_remedy_actions
from . import test_forward_escalation
from . import test_mail_intake
from . import test_suggestions
from . import test_report
from . import test_complaint_word
from . import test_early_warning
from . import test_customer_evaluation
from . import test_complaint_portal
from . import test_complaint_sla
from . import test_complaint_duplicate
from . import test_canned_responses
