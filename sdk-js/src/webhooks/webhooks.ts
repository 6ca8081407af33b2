import { StreamForgeError } from '../core/errors';
import { randomId } from '../core/random';
import type { Event } from '../core/types';
import { base64ToBytes, bytesToBase64, timingSafeEqual, utf8 } from './encoding';

export type WebhookErrorCode =
  | 'body_not_raw'
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'invalid_secret'
  | 'no_matching_signature'
  | 'invalid_json';

export class WebhookVerificationError extends StreamForgeError {
  override name = 'WebhookVerificationError';
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A Fetch `Headers`, a Node `IncomingHttpHeaders` or a plain object; names are matched case-insensitively. */
export type HeadersLike = Headers | Record<string, string | string[] | undefined>;
export type RawBody = string | Uint8Array | ArrayBuffer;

export interface VerifyOptions {
  /** Seconds a delivery's timestamp may differ from now. Default 300 (Standard Webhooks). */
  toleranceSeconds?: number;
  /** Unix seconds to treat as now (tests). */
  now?: number;
}

const DEFAULT_TOLERANCE = 300;

/**
 * Standard Webhooks verification with WebCrypto: `webhook-signature` carries one or more
 * `v1,<base64 HMAC-SHA256("{id}.{timestamp}.{body}")>` (several during secret rotation).
 */
export class Webhooks {
  /** Verifies a delivery and returns the parsed event. Throws WebhookVerificationError otherwise. */
  async unwrap<T = Event>(
    rawBody: RawBody,
    headers: HeadersLike,
    secret: string | string[],
    opts: VerifyOptions = {},
  ): Promise<T> {
    const body = await this.verify(rawBody, headers, secret, opts);
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new WebhookVerificationError('invalid_json', 'The signature is valid but the body is not JSON.');
    }
  }

  /** Verifies and returns the body as a string, without parsing it. */
  async verify(
    rawBody: RawBody,
    headers: HeadersLike,
    secret: string | string[],
    opts: VerifyOptions = {},
  ): Promise<string> {
    const body = rawBodyText(rawBody);
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');

    if (!/^\d+$/.test(timestamp)) {
      throw new WebhookVerificationError(
        'invalid_timestamp',
        `webhook-timestamp must be unix seconds, got "${timestamp}".`,
      );
    }
    const now = opts.now ?? Math.floor(Date.now() / 1000);
    const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE;
    const sent = Number(timestamp);
    if (now - sent > tolerance) {
      throw new WebhookVerificationError(
        'timestamp_too_old',
        `The delivery is ${now - sent} s old (tolerance ${tolerance} s): a replay, or this server's clock is wrong.`,
      );
    }
    if (sent - now > tolerance) {
      throw new WebhookVerificationError(
        'timestamp_in_future',
        `The delivery is dated ${sent - now} s in the future (tolerance ${tolerance} s): check this server's clock.`,
      );
    }

    const candidates = signatures
      .split(' ')
      .map((s) => s.split(','))
      .filter(([version, value]) => version === 'v1' && value)
      .map(([, value]) => safeBase64(value))
      .filter((b): b is Uint8Array => b !== null);
    const message = utf8.encode(`${id}.${timestamp}.${body}`);
    let matched = false;
    for (const key of Array.isArray(secret) ? secret : [secret]) {
      const expected = await hmac(secretBytes(key), message);
      // No early exit: every candidate is compared, so timing says nothing about which matched.
      for (const candidate of candidates) matched = timingSafeEqual(expected, candidate) || matched;
    }
    if (!matched) {
      throw new WebhookVerificationError(
        'no_matching_signature',
        'No signature matches. Check the endpoint secret (whsec_…), and pass the exact raw request body: ' +
          're-serialized JSON (e.g. from express.json()) has different bytes.',
      );
    }
    return body;
  }

  /** The three headers a real delivery of `payload` would carry; for testing your receiver. */
  async generateTestHeaders(opts: {
    payload: string;
    secret: string;
    id?: string;
    timestamp?: number;
  }): Promise<Record<string, string>> {
    const id = opts.id ?? `msg_${randomId(12)}`;
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    return {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': await this.sign(opts.secret, id, timestamp, opts.payload),
    };
  }

  /** `v1,<base64>` for one secret. */
  async sign(secret: string, id: string, timestamp: number, payload: string): Promise<string> {
    return `v1,${bytesToBase64(await hmac(secretBytes(secret), utf8.encode(`${id}.${timestamp}.${payload}`)))}`;
  }
}

function rawBodyText(rawBody: unknown): string {
  if (typeof rawBody === 'string') {
    if (rawBody === '[object Object]') throw parsedBodyError();
    return rawBody;
  }
  if (rawBody instanceof Uint8Array) return new TextDecoder().decode(rawBody);
  if (rawBody instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(rawBody));
  throw parsedBodyError();
}

function parsedBodyError() {
  return new WebhookVerificationError(
    'body_not_raw',
    'The body was already parsed into an object. Pass the raw request body (a string or bytes) exactly as ' +
      'received — e.g. express.raw({ type: "application/json" }) or `await request.text()` — not parsed JSON.',
  );
}

function header(headers: HeadersLike, name: string): string {
  let value: string | string[] | undefined | null;
  if (typeof (headers as Headers).get === 'function') value = (headers as Headers).get(name);
  else {
    const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
    value = entry?.[1];
  }
  if (Array.isArray(value)) value = value.join(' ');
  if (!value)
    throw new WebhookVerificationError(
      'missing_header',
      `The ${name} header is missing: is this a StreamForge delivery?`,
    );
  return value;
}

function secretBytes(secret: string): Uint8Array {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const bytes = safeBase64(b64);
  if (!bytes || bytes.length === 0) {
    throw new WebhookVerificationError(
      'invalid_secret',
      'The secret is not a webhook signing secret (expected whsec_ followed by base64).',
    );
  }
  return bytes;
}

function safeBase64(value: string): Uint8Array | null {
  try {
    return base64ToBytes(value);
  } catch {
    return null;
  }
}

async function hmac(key: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await globalThis.crypto.subtle.importKey(
    'raw',
    key as BufferSource,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, message as BufferSource));
}
