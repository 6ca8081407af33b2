// A webhook receiver: verify each delivery with the raw body, then act on the event.
//
//   STREAMFORGE_WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/server.mjs
//
// The body must be read raw: a framework that parses JSON first (express.json()) changes the bytes
// and no signature matches. The SDK says so when it is handed an object.
import http from 'node:http';
import { Webhooks, WebhookVerificationError } from '@streamforge/sdk';

const secret = process.env.STREAMFORGE_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set STREAMFORGE_WEBHOOK_SECRET to the endpoint secret (whsec_…).');
  process.exit(1);
}
const webhooks = new Webhooks();

http
  .createServer(async (request, response) => {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    try {
      const event = await webhooks.unwrap(raw, request.headers, secret);
      console.log(`${event.type} ${event.data?.object?.id ?? ''}`);
      response.writeHead(204).end(); // answer fast; do slow work after (deliveries time out at 15 s)
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      console.warn(`refused a delivery: ${error.code}: ${error.message}`);
      response.writeHead(400).end();
    }
  })
  .listen(Number(process.env.PORT ?? 4000), '127.0.0.1', function () {
    console.log(`Webhook receiver on http://127.0.0.1:${this.address().port}`);
  });
