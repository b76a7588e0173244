# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""German public holidays of the company's Bundesland as leaves of its working calendar."""
import datetime
import logging

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)
try:
    import holidays
except ImportError:  # pragma: no cover - declared in the manifest's external_dependencies
    _logger.debug("The holidays library is missing: German public holidays cannot be written.")

GERMAN_STATES = [
    ("BW", "Baden-Württemberg"),
    ("BY", "Bavaria"),
    ("BE", "Berlin"),
    ("BB", "Brandenburg"),
    ("HB", "Bremen"),
    ("HH", "Hamburg"),
    ("HE", "Hesse"),
    ("MV", "Mecklenburg-Western Pomerania"),
    ("NI", "Lower Saxony"),
    ("NW", "North Rhine-Westphalia"),
    ("RP", "Rhineland-Palatinate"),
    ("SL", "Saarland"),
    ("SN", "Saxony"),
    ("ST", "Saxony-Anhalt"),
    ("SH", "Schleswig-Holstein"),
    ("TH", "Thuringia"),
]


class ResCompany(models.Model):
    """The Bundesland whose public holidays the company keeps; a yearly job (and a button) writes them."""

    _inherit = "res.company"

    holiday_state = fields.Selection(
        GERMAN_STATES, "Public Holidays of",
        help="German state (Bundesland) whose public holidays are days without work on the company's working "
             "calendar: they are written for this year and the next, every year.")

    @api.multi
    def action_write_public_holidays(self):
        """Button: write the holidays now (the yearly job does the same)."""
        for company in self:
            if not company.holiday_state:
                raise UserError(_("Choose the German state whose public holidays %s keeps.") % company.name)
            if not company.resource_calendar_id:
                raise UserError(_("Company %s has no working calendar for its public holidays.") % company.name)
        self._write_public_holidays()
        return True

    @api.model
    def _cron_write_public_holidays(self):
        """Yearly: every company with a Bundesland gets the holidays of this year and the next."""
        self.search([("holiday_state", "!=", False), ("resource_calendar_id", "!=", False)]) \
            ._write_public_holidays()

    @api.multi
    def _write_public_holidays(self, years=None):
        """Make the holiday leaves of `years` (default: this and next year) on each company's calendar equal
        to the state's holidays: missing ones are added, renamed ones renamed, ones no longer due removed.
        Leaves entered by hand are never touched: only leaves marked as public holidays are."""
        year = fields.Date.from_string(fields.Date.context_today(self)).year
        years = years or [year, year + 1]
        Leave = self.env["resource.calendar.leaves"].sudo()
        for company in self:
            calendar = company.resource_calendar_id
            wanted = company._public_holidays(years)
            tz = pytz.timezone(company.partner_id.tz or "Europe/Berlin")
            existing = Leave.search([("calendar_id", "=", calendar.id), ("holiday_date", "!=", False),
                                     ("holiday_date", ">=", "%d-01-01" % min(years)),
                                     ("holiday_date", "<=", "%d-12-31" % max(years))])
            by_day = {leave.holiday_date: leave for leave in existing}
            (existing - Leave.browse([by_day[d].id for d in wanted if d in by_day])).unlink()
            for day, name in sorted(wanted.items()):
                leave = by_day.get(day)
                if leave:
                    if leave.name != name:
                        leave.name = name
                    continue
                start = fields.Date.from_string(day)
                Leave.create({
                    "name": name, "calendar_id": calendar.id, "holiday_date": day, "resource_id": False,
                    "tz": tz.zone,
                    "date_from": self._to_utc(tz, datetime.datetime.combine(start, datetime.time.min)),
                    "date_to": self._to_utc(tz, datetime.datetime.combine(start, datetime.time.max)),
                })

    @api.multi
    def _crm_working_day(self, day):
        """`day` or the next working day of the company's calendar (the day itself without a calendar)."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT company.resource_calendar_id, partner.tz FROM res_company company
            LEFT JOIN res_partner partner ON partner.id = company.partner_id WHERE company.id = %s
        """, [self.id])
        calendar_id, tz_name = self.env.cr.fetchone() or (None, None)
        if not calendar_id:
            return day
        return self.env["resource.calendar"].browse(calendar_id)._crm_working_day(day, tz_name or self.env.user.tz)

    def _public_holidays(self, years):
        """{'YYYY-MM-DD': name} of the company's state, named in its language where the library knows it."""
        self.ensure_one()
        if not self.holiday_state:
            return {}
        language = "de" if (self.partner_id.lang or "").startswith("de") else "en_US"
        days = holidays.country_holidays("DE", subdiv=self.holiday_state, years=years, language=language)
        return {fields.Date.to_string(day): name for day, name in days.items()}

    @staticmethod
    def _to_utc(tz, local):
        return fields.Datetime.to_string(tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None))
