import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { Webhooks, WebhookVerificationError } from './webhooks';

const vectors = JSON.parse(readFileSync(join(__dirname, '../../../openapi/webhook-test-vectors.json'), 'utf8'));
type Vector = {
  name: string;
  id: string;
  timestamp: number;
  payload: string;
  secret: string;
  signature: string;
  now: number;
  expect: string;
};
const headersOf = (v: Vector) => ({
  'webhook-id': v.id,
  'webhook-timestamp': String(v.timestamp),
  'webhook-signature': v.signature,
});
const webhooks = new Webhooks();

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'valid';
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error.code;
    throw error;
  }
}

describe('shared test vectors (signed by the standardwebhooks package)', () => {
  test.each(vectors.cases as Vector[])('$name → $expect', async (v) => {
    expect(await outcome(() => webhooks.unwrap(v.payload, headersOf(v), v.secret, { now: v.now }))).toBe(v.expect);
  });

  test.each((vectors.cases as Vector[]).filter((v) => v.now === v.timestamp))(
    'the reference library agrees on "$name"',
    (v) => {
      const spy = jest.spyOn(Date, 'now').mockReturnValue(v.now * 1000);
      try {
        const verify = () => new Webhook(v.secret).verify(v.payload, headersOf(v));
        if (v.expect === 'valid') expect(verify).not.toThrow();
        else expect(verify).toThrow();
      } finally {
        spy.mockRestore();
      }
    },
  );
});

describe('unwrap', () => {
  const secret = `whsec_${Buffer.from('a secret for unit tests').toString('base64')}`;
  const payload = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'video.ready',
    data: { object: { id: 'vid_1' } },
  });

  test('verifies what generateTestHeaders signs and returns the parsed event', async () => {
    const headers = await webhooks.generateTestHeaders({ payload, secret });
    const event = await webhooks.unwrap<{ type: string }>(payload, headers, secret);
    expect(event.type).toBe('video.ready');
  });

  test('the reference library verifies our test headers, and we verify its signatures', async () => {
    const headers = await webhooks.generateTestHeaders({ payload, secret });
    expect(() => new Webhook(secret).verify(payload, headers)).not.toThrow();
    const now = Math.floor(Date.now() / 1000);
    const signature = new Webhook(secret).sign('msg_x', new Date(now * 1000), payload);
    await expect(
      webhooks.verify(
        payload,
        { 'webhook-id': 'msg_x', 'webhook-timestamp': String(now), 'webhook-signature': signature },
        secret,
      ),
    ).resolves.toBe(payload);
  });

  test('accepts bytes, a Fetch Headers object and mixed-case header names', async () => {
    const raw = await webhooks.generateTestHeaders({ payload, secret });
    const upper = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toUpperCase(), v]));
    await expect(webhooks.verify(new TextEncoder().encode(payload), upper, secret)).resolves.toBe(payload);
    await expect(webhooks.verify(payload, new Headers(raw), secret)).resolves.toBe(payload);
  });

  test('a parsed body gets an error that says to pass the raw body', async () => {
    const headers = await webhooks.generateTestHeaders({ payload, secret });
    const error = await webhooks.unwrap(JSON.parse(payload), headers, secret).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.code).toBe('body_not_raw');
    expect(error.message).toMatch(/raw request body/);
  });

  test('a stale and a future delivery are refused with the tolerance in the message', async () => {
    const now = 1_800_000_000;
    const stale = await webhooks.generateTestHeaders({ payload, secret, timestamp: now - 301 });
    const future = await webhooks.generateTestHeaders({ payload, secret, timestamp: now + 301 });
    await expect(webhooks.unwrap(payload, stale, secret, { now })).rejects.toMatchObject({ code: 'timestamp_too_old' });
    await expect(webhooks.unwrap(payload, future, secret, { now })).rejects.toMatchObject({
      code: 'timestamp_in_future',
    });
    await expect(webhooks.unwrap(payload, stale, secret, { now, toleranceSeconds: 600 })).resolves.toBeTruthy();
  });

  test('a receiver holding several secrets (its own rotation) accepts either', async () => {
    const next = `whsec_${Buffer.from('the next secret').toString('base64')}`;
    const headers = await webhooks.generateTestHeaders({ payload, secret: next });
    await expect(webhooks.unwrap(payload, headers, [secret, next])).resolves.toBeTruthy();
    await expect(webhooks.unwrap(payload, headers, [secret])).rejects.toMatchObject({ code: 'no_matching_signature' });
  });

  test('missing headers and a malformed secret are named', async () => {
    await expect(webhooks.unwrap(payload, {}, secret)).rejects.toMatchObject({
      code: 'missing_header',
      message: expect.stringContaining('webhook-id'),
    });
    const headers = await webhooks.generateTestHeaders({ payload, secret });
    await expect(webhooks.unwrap(payload, headers, 'whsec_***')).rejects.toMatchObject({ code: 'invalid_secret' });
  });
});
