#!/usr/bin/env python3
# Copyright 2026 CRM Add-ons
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow an Asterisk Manager Interface (AMI) and forward its calls to Odoo as generic telephony events.

    ami_bridge.py --ami-host pbx --ami-user odoo --ami-secret ... --odoo-url https://odoo.example.de \
                  --api-key ... [--internal-context from-internal]

AMI events (panoramisk) -> POST /crm_telephony/events (JSON, header X-Api-Key):
  Newchannel of the first leg (Uniqueid == Linkedid)    -> remembered: caller, dialled number, direction
  Newchannel of a further leg on an agent's extension   -> ring  (agent = extension of that leg)
  Newstate ChannelState 6 (Up) of a further leg          -> answer
  Hangup of the first leg                                -> hangup (cause mapped to the call result)
The API key is read from --api-key or the environment variable CRM_TELEPHONY_API_KEY and never printed."""
import argparse
import asyncio
import concurrent.futures
import logging
import os
import re

import requests
from panoramisk import Manager

_logger = logging.getLogger("ami_bridge")
CHANNEL_EXTENSION = re.compile(r"^(?:SIP|PJSIP|IAX2|Local)/([^-@/;]+)")
STATE_UP = "6"
HANGUP_CAUSES = {"16": "completed", "17": "busy", "18": "no_answer", "19": "no_answer", "21": "cancelled",
                 "1": "not_found", "34": "congestion", "38": "congestion"}


class AmiBridge:
    """Turns the AMI channel events of one call into ring/answer/hangup events for Odoo."""

    def __init__(self, odoo_url, api_key, internal_contexts=("from-internal",), timeout=5, post=None):
        self.url = odoo_url.rstrip("/") + "/crm_telephony/events"
        self.api_key = api_key
        self.internal_contexts = set(internal_contexts)
        self.timeout = timeout
        self.calls = {}  # linkedid -> {"from", "to", "direction", "agent", "answered"}
        self.sent = []  # events forwarded (for logs and tests)
        self._post = post or self._http_post
        self._sender = concurrent.futures.ThreadPoolExecutor(max_workers=1)  # keeps the events in order

    # ------------------------------------------------------------------ AMI callbacks

    def on_newchannel(self, _manager, event):
        uniqueid, linkedid = event.get("Uniqueid"), event.get("Linkedid") or event.get("Uniqueid")
        if uniqueid == linkedid:
            internal = event.get("Context") in self.internal_contexts
            self.calls[linkedid] = {
                "from": event.get("CallerIDNum") or "", "to": event.get("Exten") or "",
                "direction": "out" if internal else "in",
                "agent": self._extension(event.get("Channel")) if internal else None,
                "answered": False,
            }
            if internal:
                return self._forward("ring", linkedid)
            return None
        call = self.calls.get(linkedid)
        if call and call["direction"] == "in" and not call["agent"]:
            call["agent"] = self._extension(event.get("Channel"))
            return self._forward("ring", linkedid)
        return None

    def on_newstate(self, _manager, event):
        linkedid = event.get("Linkedid") or event.get("Uniqueid")
        call = self.calls.get(linkedid)
        if not call or event.get("ChannelState") != STATE_UP or event.get("Uniqueid") == linkedid:
            return None
        if call["answered"]:
            return None
        call["answered"] = True
        if call["direction"] == "in":
            call["agent"] = self._extension(event.get("Channel")) or call["agent"]
        return self._forward("answer", linkedid)

    def on_hangup(self, _manager, event):
        linkedid = event.get("Linkedid") or event.get("Uniqueid")
        if event.get("Uniqueid") != linkedid or linkedid not in self.calls:
            return None
        result = HANGUP_CAUSES.get(str(event.get("Cause") or ""))
        if result == "completed" and not self.calls[linkedid]["answered"]:
            result = "cancelled"
        future = self._forward("hangup", linkedid, result=result)
        self.calls.pop(linkedid, None)
        return future

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _extension(channel):
        match = CHANNEL_EXTENSION.match(channel or "")
        return match.group(1) if match else None

    def _forward(self, kind, linkedid, result=None):
        call = self.calls[linkedid]
        payload = {"event": kind, "call_id": linkedid, "direction": call["direction"], "from": call["from"],
                   "to": call["to"], "agent": call["agent"] or ""}
        if result:
            payload["result"] = result
        self.sent.append(payload)
        loop = asyncio.get_event_loop()
        return loop.run_in_executor(self._sender, self._post, payload)

    def _http_post(self, payload):
        try:
            response = requests.post(self.url, json=payload, headers={"X-Api-Key": self.api_key},
                                     timeout=self.timeout)
            if response.status_code != 200:
                _logger.warning("Odoo answered %s to %s of call %s", response.status_code, payload["event"],
                                payload["call_id"])
            return response.status_code
        except requests.RequestException as error:
            _logger.warning("Odoo not reachable (%s) for %s of call %s", type(error).__name__,
                            payload["event"], payload["call_id"])
            return None

    def attach(self, manager):
        manager.register_event("Newchannel", self.on_newchannel)
        manager.register_event("Newstate", self.on_newstate)
        manager.register_event("Hangup", self.on_hangup)
        return manager


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ami-host", default="127.0.0.1")
    parser.add_argument("--ami-port", type=int, default=5038)
    parser.add_argument("--ami-user", required=True)
    parser.add_argument("--ami-secret", default=os.environ.get("AMI_SECRET", ""))
    parser.add_argument("--odoo-url", required=True)
    parser.add_argument("--api-key", default=os.environ.get("CRM_TELEPHONY_API_KEY", ""))
    parser.add_argument("--internal-context", action="append", default=None,
                        help="dialplan context of the agents' phones (repeatable; default from-internal)")
    parser.add_argument("--run-seconds", type=float, default=0, help="stop after this many seconds (tests)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    bridge = AmiBridge(args.odoo_url, args.api_key, args.internal_context or ["from-internal"])
    manager = bridge.attach(Manager(loop=loop, host=args.ami_host, port=args.ami_port, username=args.ami_user,
                                    secret=args.ami_secret, events="call", ping_delay=10, reconnect_timeout=2))
    manager.connect()
    if args.run_seconds:
        loop.call_later(args.run_seconds, loop.stop)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        manager.close()
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.sleep(0.1))
        loop.close()
    _logger.info("forwarded %d events", len(bridge.sent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
