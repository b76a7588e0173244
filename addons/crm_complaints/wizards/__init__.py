"""Wizards that turn a complaint's remedy into documents or forward it."""
from . import crm_complaint_credit_note
from . import crm_complaint_replacement
from . import crm_complaint_forward
from . import crm_complaint_duplicate
