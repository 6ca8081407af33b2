/**
 * Schema fuzzing of every operation in the committed OpenAPI document with fast-check: valid-ish and
 * hostile path ids, query strings, bodies (malformed JSON text, wrong types, huge strings, `__proto__`
 * and `constructor` keys, unicode, nulls, arrays for objects, odd numbers), content types and
 * credentials. Whatever is sent: never a 5xx, a `Request-Id` header on every response, and the
 * error shape `{error:{type,code,message,request_id}}` on every 4xx.
 *
 * The seed is fixed (override with FUZZ_SEED=…) and printed on failure with the offending request.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const MiB = 1024 * 1024;

type Schema = Record<string, any>;
const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));

interface Operation {
  method: string;
  path: string;
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

const operations: Operation[] = [];
for (const [path, item] of Object.entries<any>(doc.paths)) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const op = item[method];
    if (!op) continue;
    operations.push({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? [])
        .filter((p: any) => p.in === 'query')
        .map((p: any) => ({ name: p.name, schema: p.schema ?? {} })),
      body: op.requestBody?.content?.['application/json']?.schema,
    });
  }
}

const ERROR_TYPES: string[] = doc.components.schemas.ErrorDetail.properties.type.enum;

function deref(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return deref(doc.components.schemas[schema.$ref.split('/').pop()]);
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP: fetch refuses bodies on GET and rewrites some paths; the fuzzer needs to send anything.

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Which kind of body the generator made; failures are grouped by it. */
  bodyKind?: string;
}
interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
let base: URL;

function send(req: Sent): Promise<Received> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

function describeRequest(req: Sent) {
  const body = req.body === undefined ? '' : String(req.body);
  return (
    `${req.method} ${req.url.slice(0, 400)} [${req.bodyKind ?? 'no body'}] content-type=${req.headers['content-type'] ?? '-'} ` +
    `auth=${(req.headers.authorization ?? '-').slice(0, 20)}… body(${body.length})=${body.slice(0, 400)}`
  );
}

/** What must hold for every response, whatever was sent. */
function checkResponse(req: Sent, res: Received) {
  const fail = (why: string) => {
    let code = '';
    try {
      const body = JSON.parse(res.text);
      code = String(body?.error?.code ?? body?.code ?? '');
    } catch {
      // not JSON: the kind is told by the status
    }
    // One kind of failure per symptom; a 5xx is told apart by what was sent, since its body says nothing.
    const kind = `${why}: ${res.status} ${code}${res.status >= 500 ? ` [${req.bodyKind ?? 'no body'}]` : ''}`;
    throw Object.assign(
      new Error(`${kind}\n  request: ${describeRequest(req)}\n  response: ${res.status} ${res.text.slice(0, 600)}`),
      { kind },
    );
  };
  if (res.status >= 500) fail(`server error ${res.status}`);
  const requestId = res.headers['request-id'];
  if (typeof requestId !== 'string' || !/^req_/.test(requestId)) fail('no Request-Id header');
  if (res.status >= 400) {
    let body: any;
    try {
      body = JSON.parse(res.text);
    } catch {
      fail('error body is not JSON');
    }
    const e = body?.error;
    if (
      !e ||
      typeof e !== 'object' ||
      !ERROR_TYPES.includes(e.type) ||
      typeof e.code !== 'string' ||
      typeof e.message !== 'string' ||
      e.request_id !== requestId ||
      ('param' in e && typeof e.param !== 'string')
    ) {
      fail('error body does not have the error shape');
    }
    if (/\bat [\w.<>]+ \(|node_modules|QueryFailedError|SELECT |INSERT /.test(res.text))
      fail('error body leaks internals');
  } else if (res.text) {
    try {
      JSON.parse(res.text);
    } catch {
      fail('success body is not JSON');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const hostileStrings = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
  "' OR 1=1 --",
  '"; DROP TABLE videos; --',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\uFEFF',
  '\uD800',
  'é',
  '🎬🎞️',
  'ｖｉｄ＿',
  '\u202Eevil',
  'a\r\nInjected: 1',
  '%00',
  '%',
  '%zz',
];

/** encodeURIComponent that also sends lone surrogates (as their WTF-8 bytes) instead of throwing. */
function encodeAny(text: string): string {
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

const unicodeString = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: unicodeString(40) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)) },
);
const oddNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, 10_001, 100, 101),
  fc.integer(),
  fc.double(), // NaN and ±Infinity serialise as null, which is hostile too
);

/** Any JSON value, with keys that hurt: `__proto__`, `constructor`, unicode. */
const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '',
    ' ',
    '$where',
    'a.b',
    'metadata',
  ),
  unicodeString(12),
);
function ownObject(entries: [string, unknown][]) {
  // A null-prototype object: assigning `__proto__` makes an own key, so JSON.stringify sends it.
  const o = Object.create(null);
  for (const [k, v] of entries) o[k] = v;
  return o;
}
const { json: jsonValue } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    anyString,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('json')), { maxLength: 4 }).map(ownObject),
  ),
}));

/** A value the schema would accept, roughly; the fuzzer mixes these with hostile ones. */
function validish(input: Schema | undefined): fc.Arbitrary<unknown> {
  const schema = deref(input);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'number':
    case 'integer':
      return fc.oneof(
        fc.integer({
          min: Math.max(schema.minimum ?? 0, -(2 ** 31)),
          max: Math.min(schema.maximum ?? 2 ** 31, 2 ** 53),
        }),
        ...(schema.example !== undefined ? [fc.constant(schema.example)] : []),
      );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fieldValue(schema.items), { minLength: 1, maxLength: 5 });
    case 'object':
    case undefined:
      if (schema.properties || schema.type === 'object') return objectOf(schema);
      return fc.constant(schema.example ?? 'x');
    default:
      return fc.oneof(
        ...(schema.example !== undefined ? [fc.constant(schema.example)] : []),
        unicodeString(schema.maxLength ?? 60).filter((s) => s.length > 0),
      );
  }
}

function fieldValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: validish(schema) }, { weight: 2, arbitrary: jsonValue });
}

/** An object shaped like the schema: each property valid-ish, hostile or missing, plus extra keys. */
function objectOf(input: Schema): fc.Arbitrary<unknown> {
  const schema = deref(input);
  const props = Object.entries<Schema>(schema.properties ?? {});
  const additional = schema.additionalProperties;
  return fc
    .tuple(
      fc.tuple(
        ...props.map(([name, p]) =>
          fc.option(fieldValue(p), { nil: undefined, freq: 4 }).map((v) => [name, v] as const),
        ),
      ),
      fc.array(fc.tuple(hostileKey, additional ? fieldValue(additional) : jsonValue), {
        maxLength: additional ? 60 : 3,
      }),
    )
    .map(([known, extra]) => ownObject([...known.filter(([, v]) => v !== undefined), ...extra] as [string, unknown][]));
}

/** A body as sent, and which kind of body it is (failures are grouped by it). */
interface Body {
  text: string | Buffer;
  kind: string;
}
const bodyOf =
  (kind: string) =>
  (text: string | Buffer): Body => ({ text, kind });

/**
 * Body text: a JSON value near the schema, a wrong top-level type, or text that is not JSON at all.
 * Always under the 1 MiB body limit (413 has its own test below), so the handlers see every body.
 */
function bodyText(schema: Schema): fc.Arbitrary<Body> {
  return bodyTextAnySize(schema).filter((b) => Buffer.byteLength(b.text) < MiB);
}

function bodyTextAnySize(schema: Schema): fc.Arbitrary<Body> {
  const valid = objectOf(schema).map((v) => JSON.stringify(v));
  return fc.oneof(
    { weight: 6, arbitrary: valid.map(bodyOf('schema-shaped JSON')) },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null').map(bodyOf('any JSON value')) },
    {
      weight: 1,
      arbitrary: fc
        .array(objectOf(schema), { maxLength: 3 })
        .map((v) => JSON.stringify(v))
        .map(bodyOf('array for object')),
    },
    {
      weight: 3,
      arbitrary: fc.oneof(
        valid.chain((t) => fc.nat(Math.max(0, t.length - 1)).map((n) => t.slice(0, n))).map(bodyOf('truncated JSON')),
        valid.map((t) => `${t}garbage`).map(bodyOf('trailing garbage')),
        valid.map((t) => `\uFEFF${t}`).map(bodyOf('BOM')),
        valid.map((t) => t.replace(/"/g, "'")).map(bodyOf('single quotes')),
        fc
          .constantFrom(
            '',
            '{',
            '}',
            '{"a":}',
            '{,}',
            '[1,]',
            '{"filename":"a",}',
            'NaN',
            'Infinity',
            'undefined',
            '{"size":1e999}',
            '{"size":-0}',
            '{"__proto__":{"polluted":true}}',
            '{"constructor":{"prototype":{"polluted":true}}}',
            '{"a":1,"a":2}',
            '"string"',
            '12',
            'true',
            'null',
            '[]',
            '{"filename":"\\ud800"}',
            '{"x":"\\u0000"}',
          )
          .map(bodyOf('malformed or odd JSON text')),
        fc
          .integer({ min: 1, max: 20_000 })
          .map((n) => '['.repeat(n) + ']'.repeat(n))
          .map(bodyOf('deeply nested arrays')),
        fc
          .integer({ min: 1, max: 20_000 })
          .map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n))
          .map(bodyOf('deeply nested objects')),
        fc
          .uint8Array({ minLength: 1, maxLength: 64 })
          .map((b) => Buffer.from(b))
          .map(bodyOf('bytes, not UTF-8')),
        unicodeString(200).map(bodyOf('unicode text')),
      ),
    },
  );
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/vnd.api+json',
      'application/octet-stream',
      '*/*',
      'json',
      ';',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const ID_PREFIXES = ['upl', 'vid', 'evt', 'key', 'acct', 'we', 'req'];
let idPool: Record<string, string[]> = {};
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split('');
const base62 = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...BASE62), minLength, maxLength });
/** Well-formed ids of every kind that exist nowhere. */
const wellFormedId = fc.tuple(fc.constantFrom(...ID_PREFIXES), base62(24, 24)).map(([p, s]) => `${p}_${s}`);
let secretKey = '';
let clientSecret = '';

function prefixOf(path: string) {
  return (
    { '/v1/uploads': 'upl', '/v1/videos': 'vid', '/v1/events': 'evt', '/v1/api_keys': 'key' } as Record<string, string>
  )[path.split('/').slice(0, 3).join('/')];
}

/** An id for the path: a real one, a well-formed stranger, the wrong kind, or hostile text. */
function pathId(op: Operation): fc.Arbitrary<string> {
  const prefix = prefixOf(op.path) ?? 'obj';
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(idPool[prefix] ?? ['x'])) },
    { weight: 2, arbitrary: base62(1, 70).map((s) => `${prefix}_${s}`) },
    { weight: 1, arbitrary: wellFormedId },
    { weight: 3, arbitrary: anyString.map(encodeAny).filter((s) => s.length < 2000) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%zz', '%ff%fe', '%c0%af', '..%2f..%2f', '%2e%2e', 'upl_%00', 'a%2Fb', '.', '..'),
    },
  );
}

function queryValue(schema: Schema): fc.Arbitrary<string> {
  const s = deref(schema);
  return fc.oneof(
    { weight: 3, arbitrary: validish(s).map((v) => String(v)) },
    { weight: 2, arbitrary: oddNumber.map(String) },
    { weight: 1, arbitrary: wellFormedId },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(idPool).flat()) },
    { weight: 2, arbitrary: anyString.filter((v) => encodeAny(v).length < 1500) },
    { weight: 1, arbitrary: fc.constantFrom('99999999999999999999999', '1e3', '0x10', ' 5', '5 ', '+5', '٣', '１０') },
  );
}

/** A query string: documented parameters with odd values, repeats, bracket games and junk keys. */
function queryString(op: Operation): fc.Arbitrary<string> {
  const names = op.query.map((q) => q.name);
  const pair = fc.oneof(
    ...(op.query.length
      ? [
          {
            weight: 6,
            arbitrary: fc.constantFrom(...op.query).chain((q) => queryValue(q.schema).map((v) => [q.name, v] as const)),
          },
        ]
      : []),
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            '__proto__',
            'constructor',
            '__proto__[polluted]',
            'constructor[prototype][polluted]',
            'limit[]',
            'created[gte][gte]',
            'created',
            'created[]',
            'created[lt]',
            'expand[]',
            'status[]',
            'x',
            '',
            ...names.map((n) => `${n}[]`),
          ),
          queryValue({ type: 'string' }),
        )
        .map(([k, v]) => [k, v] as const),
    },
  );
  return fc
    .oneof(
      {
        weight: 8,
        arbitrary: fc
          .array(pair, { maxLength: 5 })
          .map((pairs) => pairs.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join('&')),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'limit=%',
          'limit=%zz',
          '&&&',
          '=',
          '==1',
          'limit',
          'limit=1&limit=2',
          'a=%ff%fe',
          'limit[gte]=1',
          'created%5Bgte%5D=1',
        ),
      },
    )
    .map((q) => (q ? `?${q}` : ''));
}

const authorization = fc.oneof(
  { weight: 12, arbitrary: fc.constant(null).map(() => `Bearer ${secretKey}`) },
  { weight: 1, arbitrary: fc.constant(null).map(() => `Bearer ${clientSecret}`) },
  { weight: 1, arbitrary: fc.constant(null).map(() => `Basic ${Buffer.from(`${secretKey}:`).toString('base64')}`) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        'Basic',
        'Basic !!!',
        'Basic Og==',
        'Bearer sf_test_',
        'Bearer sf_live_abc',
        'Bearer upl_x_secret_y',
        'Token abc',
        'bearer ' + 'a'.repeat(5000),
      ),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019_-+/= .:'.split('')), maxLength: 200 }).map((s) => `Bearer ${s}`),
    ),
  },
);

const idempotencyKey = fc.option(
  fc.oneof(fc.uuid(), fc.string({ unit: fc.constantFrom(...'abcXYZ019_-:. '.split('')), maxLength: 400 })),
  { nil: undefined, freq: 2 },
);

function requestFor(op: Operation): fc.Arbitrary<Sent> {
  const takesBody = op.body !== undefined;
  return fc
    .record({
      id: pathId(op),
      query: queryString(op),
      auth: authorization,
      body: takesBody
        ? fc.option(bodyText(op.body!), { nil: undefined, freq: 8 })
        : fc.option(jsonValue.map((v) => JSON.stringify(v) ?? 'null').map(bodyOf('JSON body on a route without one')), {
            nil: undefined,
            freq: 1,
          }),
      contentType,
      idempotencyKey: op.method === 'POST' ? idempotencyKey : fc.constant(undefined),
    })
    .map(({ id, query, auth, body, contentType: type, idempotencyKey: key }) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers.authorization = auth;
      if (body !== undefined && type !== undefined) headers['content-type'] = type;
      if (key !== undefined) headers['idempotency-key'] = key;
      return {
        method: op.method,
        url: op.path.replace('{id}', id) + query,
        headers,
        body: body?.text,
        bodyKind: body?.kind,
      };
    });
}

// ---------------------------------------------------------------------------------------------

let sys: TestSystem;

beforeAll(async () => {
  // Wrong credentials are part of the mix, so the per-address limit on them is lifted too.
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '100000', AUTH_FAILURE_LIMIT: '1000000' } });
  base = new URL(sys.baseUrl);
  secretKey = await sys.createKey('fuzz');
  const api = client(sys.baseUrl, secretKey);
  idPool = { upl: [], vid: [], evt: [], key: [] };
  for (let i = 0; i < 4; i++) {
    const upload = await api('POST', '/v1/uploads', { filename: `f${i}.mp4`, size: 1000, content_type: 'video/mp4' });
    expect(upload.status).toBe(201);
    const put = await fetch(upload.body.part_urls[0].url, {
      method: 'PUT',
      body: Buffer.alloc(1000),
      headers: { 'content-type': 'video/mp4' },
    });
    expect(put.status).toBe(200);
    idPool.upl.push(upload.body.id);
    idPool.vid.push(upload.body.video_id);
    clientSecret ||= upload.body.client_secret;
    const key = await api('POST', '/v1/api_keys', { name: `sacrificial ${i}` });
    idPool.key.push(key.body.id);
  }
  idPool.evt = (await api('GET', '/v1/events?limit=100')).body.data.map((e: any) => e.id);
  expect(idPool.evt.length).toBeGreaterThan(0);
});

afterAll(async () => {
  agent.destroy();
  await sys?.close();
});

/**
 * Runs the generated requests with the fixed seed. Every run is made (no early stop, no shrinking of
 * requests that have side effects), and a failure lists each distinct kind of violation once, with
 * the first request that showed it and the seed to replay the run.
 */
async function fuzz(property: (req: Sent) => Promise<void>, arbitrary: fc.Arbitrary<Sent>, numRuns = RUNS) {
  const failures = new Map<string, string>();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (req) => {
      try {
        await property(req);
      } catch (error) {
        const { message, kind } = error as Error & { kind?: string };
        if (!failures.has(kind ?? message)) failures.set(kind ?? message, message);
      }
    }),
    { seed: SEED, numRuns },
  );
  if (failures.size) {
    throw new Error(
      `fuzz found ${failures.size} kind(s) of failure with seed ${SEED} over ${numRuns} runs ` +
        `(replay: FUZZ_SEED=${SEED} npx jest test/api/fuzz.test.ts)\n\n` +
        [...failures.values()].join('\n\n'),
    );
  }
}

it('fuzzes every operation in the document', () => {
  expect(operations.length).toBeGreaterThanOrEqual(15);
});

describe.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', (_name, op) => {
  it('never answers 5xx, always with Request-Id, always the error shape on 4xx', async () => {
    await fuzz(async (req) => checkResponse(req, await send(req)), requestFor(op));
  });
});

/**
 * Every field of every operation (body properties, query parameters, the path id) with each value
 * Postgres or JSON parsing could choke on, sent with a valid credential so the request gets past
 * authentication: NUL, unpaired surrogates (escaped and as raw WTF-8 bytes), bytes that are not UTF-8
 * and numbers too large for any column.
 */
describe('every field of every operation with text and numbers that break storage', () => {
  const HOLE = '\u0001HOLE\u0001';
  const hostile: [string, (json: string) => string | Buffer][] = [
    ['NUL', (j) => j.replace(JSON.stringify(HOLE), JSON.stringify('a\u0000b'))],
    ['escaped lone surrogate', (j) => j.replace(JSON.stringify(HOLE), '"x\\ud800y"')],
    [
      'raw WTF-8 surrogate bytes',
      (j) => {
        const [before, after] = j.split(JSON.stringify(HOLE));
        return Buffer.concat([Buffer.from(`${before}"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(`"${after}`)]);
      },
    ],
    [
      'invalid UTF-8',
      (j) => {
        const [before, after] = j.split(JSON.stringify(HOLE));
        return Buffer.concat([Buffer.from(`${before}"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`"${after}`)]);
      },
    ],
    ['huge integer', (j) => j.replace(JSON.stringify(HOLE), '123456789012345678901234567890')],
    ['number beyond double', (j) => j.replace(JSON.stringify(HOLE), '1e999')],
    ['negative huge', (j) => j.replace(JSON.stringify(HOLE), '-1.7976931348623157e308')],
  ];
  const queryHostile = ['a%00b', '%ED%A0%80', '%FF%FE', '123456789012345678901234567890', '1e999'];
  const anyId = (op: Operation) => idPool[prefixOf(op.path)]?.[0] ?? 'x';

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_name, op) => {
    const failures: string[] = [];
    const check = async (req: Sent) => {
      try {
        checkResponse(req, await send(req));
      } catch (error) {
        failures.push((error as Error).message);
      }
    };
    const headers = { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' };
    const url = op.path.replace('{id}', anyId(op));
    const props = Object.keys(deref(op.body).properties ?? {});
    for (const prop of props) {
      for (const [kind, fill] of hostile) {
        for (const shape of [{ [prop]: HOLE }, { [prop]: [HOLE] }, { [prop]: { k: HOLE } }]) {
          const body = fill(JSON.stringify(shape));
          await check({ method: op.method, url, headers, body, bodyKind: `${kind} in ${prop}` });
        }
      }
    }
    for (const q of op.query) {
      for (const value of queryHostile) {
        await check({ method: op.method, url: `${url}?${encodeURIComponent(q.name)}=${value}`, headers });
      }
    }
    if (op.path.includes('{id}')) {
      for (const value of queryHostile) {
        await check({ method: op.method, url: op.path.replace('{id}', `upl_${value}`), headers });
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('every operation, at the edges', () => {
  const withBody = operations.filter((op) => op.body !== undefined);
  const anyId = (op: Operation) => op.path.replace('{id}', idPool[prefixOf(op.path)]?.[0] ?? 'x');

  it('answers 413 with the error shape to a body over 1 MiB', async () => {
    expect(withBody.length).toBeGreaterThan(0);
    for (const op of withBody) {
      const req: Sent = {
        method: op.method,
        url: anyId(op),
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ filler: 'x'.repeat(MiB) }),
      };
      const res = await send(req);
      checkResponse(req, res);
      expect([op.path, res.status]).toEqual([op.path, 413]);
    }
  });

  it('answers 415 with the error shape to a body that is not JSON', async () => {
    const answers: string[] = [];
    for (const op of withBody) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const req: Sent = {
          method: op.method,
          url: anyId(op),
          headers: { authorization: `Bearer ${secretKey}`, 'content-type': type },
          body: 'filename=a.mp4&size=1',
        };
        const res = await send(req);
        checkResponse(req, res);
        answers.push(`${op.method} ${op.path} ${type} → ${res.status} ${JSON.parse(res.text).error?.code}`);
      }
    }
    expect(answers.filter((a) => !a.includes('→ 415 '))).toEqual([]);
  });

  it('answers 405 or 404 with the error shape to methods the document does not list', async () => {
    for (const path of Object.keys(doc.paths)) {
      const listed = Object.keys(doc.paths[path]).map((m) => m.toUpperCase());
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !listed.includes(m))) {
        const req: Sent = {
          method,
          url: anyId({ path } as Operation),
          headers: { authorization: `Bearer ${secretKey}` },
        };
        const res = await send(req);
        checkResponse(req, res);
        expect([method, path, [404, 405].includes(res.status)]).toEqual([method, path, true]);
      }
    }
  });
});
