# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The baseline server of bench/bench_crm_telephony.py: started with --load=base,web,crm_bench_oca_lookup, it
answers the webhooks with OCA connector-telephony's number lookup (a full scan) instead of ours. Never
installed in a database; its post_load hook patches that server process only."""
import logging

_logger = logging.getLogger(__name__)

OCA_QUERY = "SELECT id FROM res_partner WHERE replace(phone, ' ', '') ilike %s"


def _oca_lookup(self, e164, limit=50):
    self.env.cr.execute(OCA_QUERY, ["%" + e164[-8:]])
    # OCA names its first hit: an "exact" match of ours, so that the call is linked as OCA would link it
    return [{"id": row[0], "match": "exact", "score": 100 + index}
            for index, row in enumerate(self.env.cr.fetchall()[:limit])]


def post_load():
    """Run once when the server loads this module server-wide (--load): our lookup becomes OCA's."""
    from odoo.addons.crm_telephony.models.res_partner import ResPartner

    ResPartner._phone_lookup_e164 = _oca_lookup
    _logger.info("crm_bench_oca_lookup: res.partner._phone_lookup_e164 replaced by OCA's query (baseline server)")
