// A platform webhook receiver in Node (npm install standardwebhooks), on node:http.
// WEBHOOK_SECRET is the endpoint's whsec_ secret, mounted from a Secret; run: node receiver.mjs
// tag::receiver[]
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const verifier = new Webhook(process.env.WEBHOOK_SECRET);
const seen = new Set(); // webhook-id is the same on every retry: handle each message once

createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let event;
    try {
      // verify the raw body before parsing it
      event = verifier.verify(Buffer.concat(chunks).toString("utf8"), req.headers);
    } catch {
      res.writeHead(400).end(); // unsigned, forged or too old: not from the platform
      return;
    }
    if (!seen.has(req.headers["webhook-id"])) {
      seen.add(req.headers["webhook-id"]);
      console.log(event.event, JSON.stringify(event.deployment ?? event.alert));
    }
    res.writeHead(204).end();
  });
}).listen(8000);
// end::receiver[]
