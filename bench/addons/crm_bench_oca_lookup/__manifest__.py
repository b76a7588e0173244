# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Benchmark baseline: OCA phone lookup",
    "summary": "Benchmarks only, loaded server-wide (--load): the phone lookup replaced by OCA's query",
    "version": "11.0.1.0.0",
    "license": "LGPL-3",
    "author": "CRM Add-ons",
    "depends": ["crm_telephony"],
    "post_load": "post_load",
    "installable": False,
}
