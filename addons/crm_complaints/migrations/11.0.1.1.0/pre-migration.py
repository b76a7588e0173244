# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""From 11.0.1.0.0: escalated is is_escalated, the vocabulary an Odoo model, field xml ids without numbers."""


def migrate(cr, version):
    if not version:
        return
    _rename_escalated(cr)
    _drop_unowned_vocabulary(cr)
    _give_complaint_fields_their_xml_ids(cr)


def _rename_escalated(cr):
    """The flag is named as in crm_ticketing; column, field and xml id keep their data and history."""
    cr.execute("""SELECT 1 FROM information_schema.columns
                  WHERE table_name = 'crm_complaint' AND column_name = 'escalated'""")
    if not cr.fetchone():
        return
    cr.execute("ALTER TABLE crm_complaint RENAME COLUMN escalated TO is_escalated")
    cr.execute("UPDATE ir_model_fields SET name = 'is_escalated' WHERE model = 'crm.complaint' AND name = 'escalated'")
    cr.execute("""UPDATE ir_model_data SET name = 'field_crm_complaint_is_escalated'
                  WHERE module = 'crm_complaints' AND name = 'field_crm_complaint_escalated'""")


def _drop_unowned_vocabulary(cr):
    """The vocabulary table made by hand (no id column) goes: the ORM creates crm.complaint.word's table
    and its init() counts the words of all complaints again."""
    cr.execute("""SELECT 1 FROM information_schema.tables WHERE table_name = 'crm_complaint_word'
                  AND NOT EXISTS (SELECT 1 FROM information_schema.columns
                                  WHERE table_name = 'crm_complaint_word' AND column_name = 'id')""")
    if cr.fetchone():
        cr.execute("DROP TABLE crm_complaint_word")


def _give_complaint_fields_their_xml_ids(cr):
    """crm.complaint's category_id and stage_id get field_crm_complaint_category_id/_stage_id, which the
    id fields of crm.complaint.category/stage took first (the translations of "Category" and "Stage" link
    to these names); the id fields get the numbered names Odoo gives on a clash."""
    cr.execute("""
        UPDATE ir_model_data d SET name = d.name || '_' || d.res_id
        FROM ir_model_fields f
        WHERE d.module = 'crm_complaints' AND d.model = 'ir.model.fields' AND f.id = d.res_id
          AND f.model IN ('crm.complaint.category', 'crm.complaint.stage') AND f.name = 'id'
          AND d.name IN ('field_crm_complaint_category_id', 'field_crm_complaint_stage_id')
    """)
    cr.execute("""
        UPDATE ir_model_data d SET name = 'field_crm_complaint_' || f.name
        FROM ir_model_fields f
        WHERE d.module = 'crm_complaints' AND d.model = 'ir.model.fields' AND f.id = d.res_id
          AND f.model = 'crm.complaint' AND f.name IN ('category_id', 'stage_id')
          AND NOT EXISTS (SELECT 1 FROM ir_model_data other
                          WHERE other.module = 'crm_complaints' AND other.name = 'field_crm_complaint_' || f.name)
    """)
