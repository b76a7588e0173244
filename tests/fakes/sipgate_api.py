"""A local stand-in for sipgate's REST API that enforces the documented contract of
POST /v2/sessions/calls (click-to-dial): JSON body {deviceId, caller, callee, callerId}, Basic auth with a
personal access token (token id / token), answers 200 {"sessionId"} or 400/401/402/403/415."""
import base64
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEVICE = re.compile(r"^[a-z]\d+$")
NUMBER = re.compile(r"^\+?\d{5,20}$")
FIELDS = {"deviceId", "caller", "callee", "callerId"}


class FakeSipgate:
    def __init__(self, token_id="token-id", token="secret-token", devices=("e0", "p0"), balance=10.0):
        self.token_id, self.token = token_id, token
        self.devices = set(devices)
        self.balance = balance
        self.requests = []
        self.server = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def _answer(self, method, path, headers, body):
        if path != "/v2/sessions/calls":
            return 404, {"message": "not found"}
        if method != "POST":
            return 405, {"message": "method not allowed"}
        if (headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            return 415, {"message": "Unsupported Media Type"}
        expected = "Basic " + base64.b64encode(("%s:%s" % (self.token_id, self.token)).encode()).decode()
        if headers.get("Authorization") != expected:
            return 401, {"message": "Unauthorized"}
        try:
            data = json.loads(body.decode("utf-8"))
        except ValueError:
            return 400, {"message": "invalid JSON"}
        if not isinstance(data, dict) or set(data) - FIELDS or not data.get("deviceId") or not data.get("callee"):
            return 400, {"message": "deviceId and callee are required"}
        if not DEVICE.match(str(data["deviceId"])) or not NUMBER.match(str(data["callee"])):
            return 400, {"message": "invalid deviceId or callee"}
        if data["deviceId"] not in self.devices:
            return 403, {"message": "Forbidden"}
        if self.balance <= 0:
            return 402, {"message": "Insufficient funds"}
        return 200, {"sessionId": uuid.uuid4().hex.upper()}

    def start(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, answer = fake._answer(self.command, self.path, self.headers, body)
                fake.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                      "body": body, "status": status})
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_POST = do_GET = do_PUT = _serve

            def log_message(self, *_args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
