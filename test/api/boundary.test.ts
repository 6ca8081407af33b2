/**
 * Hostile input at the edge, answered in the error shape: NUL and unpaired surrogates in every string
 * field of every operation (400 naming the field), malformed Authorization, repeated Idempotency-Key,
 * oversized and malformed headers; and the headers every response carries.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { client, type ErrorBody } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

type Schema = Record<string, any>;
const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));
const deref = (s: Schema | undefined): Schema =>
  s?.$ref ? deref(doc.components.schemas[s.$ref.split('/').pop()]) : (s ?? {});

/** Every place a string can go in a request: [dotted param, the value to put there]. */
function stringFields(schema: Schema, path = ''): string[] {
  const s = deref(schema);
  if (s.type === 'string' || (s.type === undefined && !s.properties && !s.items && !s.additionalProperties)) {
    return [path];
  }
  if (s.type === 'array') return stringFields(s.items, `${path}.0`);
  const fields: string[] = [];
  for (const [name, p] of Object.entries<Schema>(s.properties ?? {})) {
    fields.push(...stringFields(p, path ? `${path}.${name}` : name));
  }
  if (s.additionalProperties) fields.push(...stringFields(s.additionalProperties, path ? `${path}.k` : 'k'));
  return fields;
}

/** `{parts: [{etag: bad}]}` for `parts.0.etag`. */
function bodyWith(param: string, value: string): unknown {
  const [head, ...rest] = param.split('.');
  if (!rest.length) return { [head]: value };
  const inner = bodyWith(rest.join('.'), value);
  return { [head]: /^\d+$/.test(rest[0]) ? [(inner as any)[rest[0]]] : inner };
}

interface Probe {
  name: string;
  method: string;
  path: string;
  param: string;
  body?: unknown;
  inPath?: boolean;
}

let sys: TestSystem;
let key: string;
let uploadId: string;
let clientSecret: string;

function probes(bad: string): Probe[] {
  const list: Probe[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete']) {
      const op = item[method];
      if (!op || !path.startsWith('/v1/')) continue;
      const concrete = path.replace('{id}', path.startsWith('/v1/uploads') ? uploadId : 'x');
      const schema = op.requestBody?.content?.['application/json']?.schema;
      for (const param of schema ? stringFields(schema) : []) {
        // `x.0` arrays of strings hold the bad value in the array; the path names the element.
        const body = param.endsWith('.0') ? { [param.slice(0, -2)]: [bad] } : bodyWith(param, bad);
        list.push({ name: `${method} ${path} body ${param}`, method, path: concrete, param, body });
      }
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' && deref(p.schema).type === 'string') {
          list.push({
            name: `${method} ${path} query ${p.name}`,
            method,
            path: `${concrete}?${encodeURIComponent(p.name)}=${encodeUtf16(bad)}`,
            param: p.name,
          });
        }
        if (p.in === 'path') {
          list.push({
            name: `${method} ${path} path ${p.name}`,
            method,
            path: path.replace(`{${p.name}}`, encodeUtf16(`upl_${bad}`)),
            param: p.name,
            inPath: true,
          });
        }
      }
    }
  }
  return list;
}

/** Percent-encodes, sending a lone surrogate as its WTF-8 bytes (what a sloppy client would send). */
function encodeUtf16(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0xd800 || cp > 0xdfff) out += encodeURIComponent(ch);
    else
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
  }
  return out;
}

beforeAll(async () => {
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '100000' } });
  key = await sys.createKey('boundary');
  const upload = await client(sys.baseUrl, key)('POST', '/v1/uploads', {
    filename: 'a.mp4',
    size: 10,
    content_type: 'video/mp4',
  });
  expect(upload.status).toBe(201);
  uploadId = upload.body.id;
  clientSecret = upload.body.client_secret;
});
afterAll(() => sys?.close());

describe('strings Postgres cannot store', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', 'x\udfffy'],
  ])('%s in any string of any operation → 400 naming its param', async (_kind, bad) => {
    const api = client(sys.baseUrl, key);
    const list = probes(bad);
    expect(list.filter((p) => p.body !== undefined).length).toBeGreaterThanOrEqual(12);
    const wrong: string[] = [];
    for (const probe of list) {
      const res = await api<ErrorBody>(probe.method.toUpperCase(), probe.path, probe.body);
      // A lone surrogate in the path is not even valid UTF-8 once percent-decoded: the router refuses
      // the URL itself, before it knows which parameter it was.
      const named = res.body.error.param === probe.param || (probe.inPath && res.body.error.code === 'url_invalid');
      const ok =
        res.status === 400 &&
        res.body.error.type === 'invalid_request_error' &&
        named &&
        res.headers.get('request-id') === res.body.error.request_id;
      if (!ok) wrong.push(`${probe.name} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the field in a body that is otherwise valid, and the metadata key or value', async () => {
    const api = client(sys.baseUrl, key);
    const base = { filename: 'movie.mp4', size: 100, content_type: 'video/mp4' };
    for (const [body, param] of [
      [{ ...base, filename: 'a\u0000b.mp4' }, 'filename'],
      [{ ...base, title: '\ud800' }, 'title'],
      [{ ...base, metadata: { color: 'r\u0000ed' } }, 'metadata.color'],
      [{ ...base, metadata: { ['c\u0000olor']: 'red' } }, 'metadata'],
    ] as const) {
      const res = await api<ErrorBody>('POST', '/v1/uploads', body);
      expect([res.status, res.body.error.param]).toEqual([400, param]);
    }
    // Nothing was created by any of them.
    const list = await api('GET', '/v1/uploads?limit=100');
    expect(list.body.data.map((u: any) => u.id)).toEqual([uploadId]);
  });
});

describe('headers', () => {
  it('refuses an Authorization value with extra tokens instead of picking one', async () => {
    for (const value of [`Bearer ${key} junk`, `Bearer ${key} ${key}`, `Bearer junk ${key}`]) {
      const res = await fetch(`${sys.baseUrl}/v1/videos`, { headers: { authorization: value } });
      expect(res.status).toBe(401);
      const body = (await res.json()) as ErrorBody;
      expect(body.error).toMatchObject({ type: 'authentication_error', code: 'authorization_malformed' });
    }
    expect((await fetch(`${sys.baseUrl}/v1/videos`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });

  it('refuses two Idempotency-Key headers instead of joining them into one key', async () => {
    const res = await rawRequest('POST', '/v1/api_keys', {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': ['order-1', 'order-2'],
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ type: 'idempotency_error', code: 'idempotency_key_invalid' });
    expect(res.headers['request-id']).toBe(JSON.parse(res.text).error.request_id);
    const keys = await client(sys.baseUrl, key)('GET', '/v1/api_keys');
    expect(keys.body.data).toHaveLength(1);
  });

  it('answers a 100 KB header with 431 in the error shape, with Request-Id', async () => {
    const res = await rawSocket(
      `GET /v1/videos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nX-Big: ${'a'.repeat(100_000)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.body.error).toMatchObject({ type: 'invalid_request_error', code: 'headers_too_large' });
    expect(res.headers['request-id']).toMatch(/^req_/);
    expect(res.body.error.request_id).toBe(res.headers['request-id']);
  });

  it('answers a control character in a header with 400 in the error shape, with Request-Id', async () => {
    const res = await rawSocket(`GET /v1/videos HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0001b\r\n\r\n`);
    expect(res.status).toBe(400);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.headers['request-id']).toMatch(/^req_/);
    expect(res.body.error.request_id).toBe(res.headers['request-id']);
  });

  it('marks every response that can carry a secret no-store, and sends security headers', async () => {
    const api = client(sys.baseUrl, key);
    const created = [
      await api('POST', '/v1/api_keys', { name: 'ci' }),
      await api('POST', '/v1/uploads', { filename: 'b.mp4', size: 10, content_type: 'video/mp4' }),
      await api('POST', '/v1/webhook_endpoints', { url: 'https://hooks.example.com/hook', enabled_events: ['*'] }),
    ];
    for (const res of created) {
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const rotated = await api('POST', `/v1/webhook_endpoints/${created[2].body.id}/rotate_secret`, {});
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const listed = await api('GET', '/v1/uploads');
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect(listed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(listed.headers.get('x-frame-options')).toBeTruthy();
    expect(listed.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe('idempotency keys per credential kind', () => {
  it("a client_secret's key never collides with the account backend's same key", async () => {
    const browser = client(sys.baseUrl, clientSecret);
    const backend = client(sys.baseUrl, key);
    const claimed = await browser('POST', `/v1/uploads/${uploadId}/part_urls`, {}, { 'idempotency-key': 'order-4242' });
    expect(claimed.status).toBeLessThan(300);
    const later = await backend(
      'POST',
      '/v1/uploads',
      { filename: 'order.mp4', size: 10, content_type: 'video/mp4' },
      { 'idempotency-key': 'order-4242' },
    );
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.object).toBe('upload');
    // And the other way round: each side still replays its own.
    const again = await backend(
      'POST',
      '/v1/uploads',
      { filename: 'order.mp4', size: 10, content_type: 'video/mp4' },
      { 'idempotency-key': 'order-4242' },
    );
    expect([again.status, again.headers.get('idempotent-replayed'), again.body.id]).toEqual([
      201,
      'true',
      later.body.id,
    ]);
    const browserAgain = await browser(
      'POST',
      `/v1/uploads/${uploadId}/part_urls`,
      {},
      { 'idempotency-key': 'order-4242' },
    );
    expect(browserAgain.headers.get('idempotent-replayed')).toBe('true');
  });

  it("one upload's client_secret cannot claim another upload's key either", async () => {
    const backend = client(sys.baseUrl, key);
    const second = await backend('POST', '/v1/uploads', { filename: 'c.mp4', size: 10, content_type: 'video/mp4' });
    const first = client(sys.baseUrl, clientSecret);
    const other = client(sys.baseUrl, second.body.client_secret);
    await first('POST', `/v1/uploads/${uploadId}/part_urls`, {}, { 'idempotency-key': 'shared' });
    const res = await other('POST', `/v1/uploads/${second.body.id}/part_urls`, {}, { 'idempotency-key': 'shared' });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
  });
});

function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string | string[]>,
  body = '{}',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(sys.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes bytes no HTTP client would send and parses the answer by hand. */
function rawSocket(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: ErrorBody }> {
  const url = new URL(sys.baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let text = '';
    socket.on('data', (c) => (text += c.toString('latin1')));
    socket.on('error', (e) => (text ? undefined : reject(e)));
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      try {
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) });
      } catch (e) {
        reject(new Error(`not the error shape: ${text.slice(0, 300)} (${(e as Error).message})`));
      }
    });
  });
}
