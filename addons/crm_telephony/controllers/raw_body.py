# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Requests to our webhooks keep their raw body: the one patch of Odoo's HTTP layer, installed by post_load."""
import logging

from odoo import http

_logger = logging.getLogger(__name__)

PREFIX = "/crm_telephony/"
MAX_BODY = 64 * 1024


def _keeping_raw_body(get_request):
    """`Root.get_request` for our webhooks: plain HTTP whatever their content type. Odoo would treat a
    JSON body (3CX, PBX scripts) as JSON-RPC and parse form bodies before the route runs; the raw bytes
    (bounded by MAX_BODY) are kept so signatures are checked on exactly what was sent. Every other path
    goes to Odoo's own `get_request`."""

    def get_request_keeping_raw_body(self, httprequest):
        if not httprequest.path.startswith(PREFIX):
            return get_request(self, httprequest)
        if (httprequest.content_length or 0) <= MAX_BODY:
            httprequest.get_data(cache=True, parse_form_data=False)
        return http.HttpRequest(httprequest)

    get_request_keeping_raw_body.crm_telephony_original = get_request
    return get_request_keeping_raw_body


def install():
    """Wrap `odoo.http.Root.get_request` once per process (a second call changes nothing)."""
    if hasattr(http.Root.get_request, "crm_telephony_original"):
        return
    http.Root.get_request = _keeping_raw_body(http.Root.get_request)
    _logger.info("crm_telephony: requests to %s keep their raw body (odoo.http.Root.get_request wrapped)",
                 PREFIX)
