// Writes openapi/webhook-test-vectors.json: Standard Webhooks cases signed by the reference
// `standardwebhooks` package (not by our code), which both the SDK verifier and the server's
// signer are tested against. Rerun only to add cases; existing ones must not change.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';

const secret = `whsec_${Buffer.from('streamforge shared webhook test secret #1').toString('base64')}`;
const rotated = `whsec_${Buffer.from('streamforge shared webhook test secret #2').toString('base64')}`;
const id = 'evt_4eC39HqLyjWDarjtT1zdp7dc';
const timestamp = 1764072000;
const payload = JSON.stringify({
  id,
  object: 'event',
  type: 'video.ready',
  created: timestamp,
  livemode: false,
  data: { object: { id: 'vid_4eC39HqLyjWDarjtT1zdp7dc', object: 'video', status: 'ready', title: 'Été à Zürich 🎬' } },
});
const sign = (key, msgId, ts, body) => new Webhook(key).sign(msgId, new Date(ts * 1000), body);
const good = sign(secret, id, timestamp, payload);
const byRotated = sign(rotated, id, timestamp, payload);

const base = { id, timestamp, payload, secret };
const cases = [
  { name: 'valid', ...base, signature: good, now: timestamp, expect: 'valid' },
  {
    name: 'valid, at the edge of the 300 s tolerance (old)',
    ...base,
    signature: good,
    now: timestamp + 300,
    expect: 'valid',
  },
  {
    name: 'valid, at the edge of the 300 s tolerance (future)',
    ...base,
    signature: good,
    now: timestamp - 300,
    expect: 'valid',
  },
  {
    name: 'rotation: old and new secrets both sign; the receiver has the new one',
    ...base,
    secret: rotated,
    signature: `${good} ${byRotated}`,
    now: timestamp,
    expect: 'valid',
  },
  {
    name: 'rotation: the receiver still has the old one',
    ...base,
    signature: `${good} ${byRotated}`,
    now: timestamp,
    expect: 'valid',
  },
  {
    name: 'tampered body',
    ...base,
    payload: payload.replace('ready', 'failed'),
    signature: good,
    now: timestamp,
    expect: 'no_matching_signature',
  },
  { name: 'tampered id', ...base, id: 'evt_other', signature: good, now: timestamp, expect: 'no_matching_signature' },
  {
    name: 'body re-serialized with whitespace (parsed and stringified again)',
    ...base,
    payload: JSON.stringify(JSON.parse(payload), null, 2),
    signature: good,
    now: timestamp,
    expect: 'no_matching_signature',
  },
  { name: 'wrong secret', ...base, secret: rotated, signature: good, now: timestamp, expect: 'no_matching_signature' },
  { name: 'stale: 301 s old', ...base, signature: good, now: timestamp + 301, expect: 'timestamp_too_old' },
  { name: 'future: 301 s ahead', ...base, signature: good, now: timestamp - 301, expect: 'timestamp_in_future' },
  {
    name: 'only an unknown signature version',
    ...base,
    signature: good.replace(/^v1,/, 'v2,'),
    now: timestamp,
    expect: 'no_matching_signature',
  },
];

const document = {
  description:
    'Standard Webhooks test vectors for StreamForge deliveries. signature = "v1," + base64(HMAC-SHA256(key, `${id}.${timestamp}.${payload}`)), ' +
    'key = base64-decode(secret without "whsec_"); several signatures are space-separated during rotation. ' +
    'Signed with the reference npm package standardwebhooks. `now` is the receiver clock (unix seconds); tolerance 300 s. ' +
    'Headers: webhook-id = id, webhook-timestamp = timestamp, webhook-signature = signature.',
  tolerance_seconds: 300,
  cases,
};
const out = fileURLToPath(new URL('../../openapi/webhook-test-vectors.json', import.meta.url));
await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${cases.length} cases to openapi/webhook-test-vectors.json`);
