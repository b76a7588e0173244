# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Canned responses in the reader's language: the text a shortcut stands for is translatable."""
from odoo import fields, models


class MailShortcode(models.Model):
    """Odoo's chatter replaces `:shortcut` by the canned response it reads for the user; with translatable
    texts a German clerk inserts the German answer and an English consultant the English one."""

    _inherit = "mail.shortcode"

    substitution = fields.Text(translate=True)
    description = fields.Char(translate=True)
