# A platform webhook receiver in Python (pip install standardwebhooks), on the standard library's HTTP server.
# WEBHOOK_SECRET is the endpoint's whsec_ secret, mounted from a Secret; run: python3 receiver.py
# tag::receiver[]
import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks import Webhook, WebhookVerificationError

verifier = Webhook(os.environ["WEBHOOK_SECRET"])
seen = set()  # webhook-id is the same on every retry: handle each message once


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            # verify the raw bytes before parsing them
            verifier.verify(body, dict(self.headers.items()))
        except (WebhookVerificationError, ValueError):
            self.send_response(400)  # unsigned, forged or too old: not from the platform
            self.end_headers()
            return
        event = json.loads(body)
        if self.headers["webhook-id"] not in seen:
            seen.add(self.headers["webhook-id"])
            print(event["event"], json.dumps(event.get("deployment") or event.get("alert")))
        self.send_response(204)
        self.end_headers()


HTTPServer(("0.0.0.0", 8000), Receiver).serve_forever()
# end::receiver[]
