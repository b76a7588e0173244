"""The add-on's models, in the order their tables are set up."""
# crm.complaint before its stages and categories: Odoo names the xml id of a field after its model and
# field, so crm.complaint.category_id and crm.complaint.category's id both want
# field_crm_complaint_category_id; the first reflected gets it (the translations link to it).
from . import crm_complaint
from . import crm_complaint_mail
from . import crm_sla_mixin
from . import crm_sla_policy_mixin
from . import crm_complaint_service_level
from . import crm_complaint_sla
from . import crm_duplicate_mixin
from . import crm_complaint_duplicate
from . import crm_complaint_stage
from . import crm_complaint_category
# after crm.complaint: its init() puts the search vector and the vocabulary triggers on crm_complaint
from . import crm_complaint_word
from . import crm_complaint_similarity
from . import crm_complaint_suggestion
from . import crm_complaint_early_warning
from . import crm_complaint_key_account
from . import crm_complaint_portal
from . import crm_customer_evaluation_run
from . import crm_complaint_events
from . import res_config_settings
from . import account_invoice
from . import sale_order
from . import mail_shortcode
from . import res_partner
from . import res_partner_process_actions
# The history view reads the tables of the models above: it is set up last.
from . import crm_contact_history
