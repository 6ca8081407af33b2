// A StreamForge webhook receiver: verify on the raw body, drop duplicates, answer fast, work after.
//
//   STREAMFORGE_WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/server.mjs
//
// See README.md beside this file.
import http from 'node:http';
import { Webhooks, WebhookVerificationError } from '@streamforge/sdk';

const secret = process.env.STREAMFORGE_WEBHOOK_SECRET;
if (!secret) {
  console.error('Set STREAMFORGE_WEBHOOK_SECRET to the endpoint secret (whsec_…).');
  process.exit(1);
}
const webhooks = new Webhooks();

// Deliveries are at-least-once: the same webhook-id can arrive twice (a retry after a lost answer).
// A real service keeps these ids in its database, next to the work they caused.
const seen = new Set();
const SEEN_LIMIT = 10_000;

/** The slow part happens after the 2xx; StreamForge waits at most 15 s for an answer. */
async function handle(event) {
  switch (event.type) {
    case 'video.ready':
      console.log(`video.ready ${event.data.object.id} ${event.data.object.playback?.hls_url ?? ''}`);
      break;
    case 'video.failed':
      console.log(`video.failed ${event.data.object.id} ${event.data.object.error?.code ?? ''}`);
      break;
    default:
      console.log(`${event.type} ${event.data?.object?.id ?? ''}`);
  }
}

const server = http.createServer(async (request, response) => {
  if (request.method !== 'POST') return void response.writeHead(405).end();
  // The raw bytes, exactly as sent: a parsed-and-re-serialized body would not match the signature.
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const raw = Buffer.concat(chunks);
  let event;
  try {
    event = await webhooks.unwrap(raw, request.headers, secret);
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    console.warn(`refused a delivery: ${error.code}: ${error.message}`);
    return void response.writeHead(400).end();
  }
  const id = request.headers['webhook-id'];
  if (seen.has(id)) {
    console.log(`duplicate ${id} ignored`);
    return void response.writeHead(200).end();
  }
  seen.add(id);
  if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value);
  response.writeHead(204).end();
  setImmediate(() => handle(event).catch((error) => console.error(`handling ${id} failed:`, error)));
});

server.listen(Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`Webhook receiver on http://127.0.0.1:${server.address().port}/`);
});
