/**
 * Tenant isolation, generated from the committed OpenAPI document: every operation on a path with an
 * `{id}` is called with the owner's id, another account's id, a random well-formed id, and across
 * modes (test key on a live object, live key on a test object). A route that forgets the account or
 * mode scope answers 2xx (or touches the object) for somebody else and fails here; a route added to
 * the document without a fixture below fails too, so new routes must be added.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDataSource, randomBase62 } from '@streamforge/core';
import { findOrCreateAccount, issueApiKey } from '@streamforge/api';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

type Call = ReturnType<typeof client>;
type Schema = Record<string, any>;

const doc = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  method: string;
  path: string;
  operationId: string;
  requestBody?: Schema;
}

const idOperations: Operation[] = [];
const listOperations: Operation[] = [];
for (const [path, item] of Object.entries<any>(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const entry = {
      method: method.toUpperCase(),
      path,
      operationId: op.operationId ?? `${method} ${path}`,
      requestBody: op.requestBody?.content?.['application/json']?.schema,
    };
    if (/\{[^}]+\}/.test(path)) idOperations.push(entry);
    else if (method === 'get' && path.startsWith('/v1/') && isListResponse(op)) listOperations.push(entry);
  }
}

function deref(schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) return deref(doc.components.schemas[schema.$ref.split('/').pop()]);
  return schema;
}

function isListResponse(op: any): boolean {
  const schema = deref(op.responses?.['200']?.content?.['application/json']?.schema);
  return !!schema.properties?.data && !!schema.properties?.has_more;
}

/** The smallest body the document says is valid: required properties, filled from their examples. */
function exampleOf(input: Schema | undefined): unknown {
  const schema = deref(input);
  if (schema.example !== undefined) return schema.example;
  if (schema.type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) out[name] = exampleOf(schema.properties?.[name]);
    return out;
  }
  if (schema.type === 'array') return [exampleOf(schema.items)];
  if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  return 'x';
}

/**
 * How to get an object each `{id}` route addresses, by path prefix. A destructive operation gets a
 * fresh object of its own; `read` shows the object as its owner sees it, to prove a refused
 * request from someone else changed nothing.
 */
interface Fixtures {
  /** The id of a new object owned by `as`, in `as`'s account and mode. */
  create(as: Call): Promise<string>;
  read(as: Call, id: string): Promise<unknown>;
}

const SMALL_FILE = Buffer.alloc(1000, 7);

async function createUpload(as: Call): Promise<any> {
  const res = await as('POST', '/v1/uploads', {
    filename: 'matrix.mp4',
    size: SMALL_FILE.length,
    content_type: 'video/mp4',
    title: 'isolation matrix',
  });
  expect(res.status).toBe(201);
  // The bytes are stored, so `complete` can succeed for the owner (with the signed Content-Type).
  const put = await fetch(res.body.part_urls[0].url, {
    method: 'PUT',
    body: SMALL_FILE,
    headers: { 'content-type': 'video/mp4' },
  });
  expect(put.status).toBe(200);
  return res.body;
}

async function createEndpoint(as: Call): Promise<string> {
  const res = await as('POST', '/v1/webhook_endpoints', { url: 'https://hooks.example.com/sf', enabled_events: ['*'] });
  expect(res.status).toBe(201);
  return res.body.id;
}

const FIXTURES: Record<string, Fixtures> = {
  '/v1/uploads/': {
    create: async (as) => (await createUpload(as)).id,
    read: async (as, id) => ok(await as('GET', `/v1/uploads/${id}`)),
  },
  '/v1/videos/': {
    create: async (as) => (await createUpload(as)).video_id,
    read: async (as, id) => ok(await as('GET', `/v1/videos/${id}`)),
  },
  '/v1/events/': {
    async create(as) {
      // An endpoint of the same account and mode, so redelivering the event makes deliveries.
      await createEndpoint(as);
      const { video_id } = await createUpload(as);
      const events = ok(await as('GET', '/v1/events?limit=100'));
      const event = events.data.find((e: any) => e.data?.object?.id === video_id);
      expect(event).toBeDefined();
      return event.id;
    },
    // The event and its deliveries: a refused redelivery must not have added one.
    read: async (as, id) => ({
      event: ok(await as('GET', `/v1/events/${id}`)),
      deliveries: ok(await as('GET', `/v1/events/${id}/deliveries?limit=100`)).data.map((d: any) => d.id),
    }),
  },
  '/v1/api_keys/': {
    async create(as) {
      const res = await as('POST', '/v1/api_keys', { name: 'matrix fixture' });
      expect(res.status).toBe(201);
      return res.body.id;
    },
    async read(as, id) {
      const list = ok(await as('GET', '/v1/api_keys?limit=100'));
      return list.data.find((k: any) => k.id === id) ?? 'not listed';
    },
  },
  '/v1/webhook_endpoints/': {
    create: createEndpoint,
    // The endpoint and its delivery log: a refused test send must not have added one.
    read: async (as, id) => ({
      endpoint: ok(await as('GET', `/v1/webhook_endpoints/${id}`)),
      deliveries: ok(await as('GET', `/v1/webhook_endpoints/${id}/deliveries?limit=100`)).data.map((d: any) => d.id),
    }),
  },
};

function fixturesFor(path: string): Fixtures | undefined {
  const prefix = Object.keys(FIXTURES).find((p) => path.startsWith(p));
  return prefix ? FIXTURES[prefix] : undefined;
}

function ok(res: { status: number; body: any }) {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const isDestructive = (op: Operation) => op.method === 'DELETE' || op.path.endsWith('/complete');

/** Path params other than `{id}` have no fixture: a route like that must be added here first. */
function urlOf(op: Operation, id: string) {
  const url = op.path.replace('{id}', encodeURIComponent(id));
  if (/\{[^}]+\}/.test(url)) throw new Error(`${op.method} ${op.path}: no fixture for its path parameters`);
  return url;
}

function randomIdLike(id: string) {
  return `${id.slice(0, id.indexOf('_') + 1)}${randomBase62(24)}`;
}

/** The error as a caller sees it, minus what differs per request (request id, the id echoed). */
function errorSignature(body: any, id: string) {
  const { request_id: _requestId, ...rest } = body?.error ?? {};
  return { ...rest, message: typeof rest.message === 'string' ? rest.message.split(id).join('<id>') : rest.message };
}

function expectNotFound(res: { status: number; body: any; headers: Headers }, what: string) {
  if (res.status !== 404) throw new Error(`${what}: expected 404, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.body.error).toMatchObject({
    type: 'not_found_error',
    code: expect.any(String),
    message: expect.any(String),
    request_id: expect.stringMatching(/^req_/),
  });
  expect(res.headers.get('request-id')).toBe(res.body.error.request_id);
}

let sys: TestSystem;
/** acme test mode, acme live mode, globex test mode, globex live mode. */
let acme: Call;
let acmeLive: Call;
let globex: Call;
let globexLive: Call;
/** An upload client_secret of globex: it must not reach acme's objects either. */
let globexClientSecret: Call;

async function liveKey(account: string): Promise<string> {
  const db = createDataSource(sys.config.databaseUrl);
  await db.initialize();
  try {
    return await db.transaction(async (m) => {
      const acct = await findOrCreateAccount(m, account);
      return (await issueApiKey(m, { accountId: acct.id, livemode: true })).secret;
    });
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '100000' } });
  acme = client(sys.baseUrl, await sys.createKey('acme'));
  acmeLive = client(sys.baseUrl, await liveKey('acme'));
  globex = client(sys.baseUrl, await sys.createKey('globex'));
  globexLive = client(sys.baseUrl, await liveKey('globex'));
  globexClientSecret = client(sys.baseUrl, (await createUpload(globex)).client_secret);
});

afterAll(() => sys?.close());

describe('the matrix covers the document', () => {
  it('finds the routes with an id in openapi/openapi.json', () => {
    expect(idOperations.length).toBeGreaterThanOrEqual(10);
    expect(listOperations.length).toBeGreaterThanOrEqual(4);
  });

  it('has a fixture for every route with an id (add one when you add a route)', () => {
    const missing = [...idOperations, ...listOperations]
      .filter((op) => !fixturesFor(op.path.endsWith('/') ? op.path : `${op.path}/`))
      .map((op) => `${op.method} ${op.path}`);
    expect(missing).toEqual([]);
    for (const op of idOperations) expect(() => urlOf(op, 'x_1')).not.toThrow();
  });
});

// Destructive operations run last, each on fresh objects.
const ordered = [...idOperations.filter((op) => !isDestructive(op)), ...idOperations.filter(isDestructive)];

describe.each(ordered.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', (_name, op) => {
  const body = () => (op.requestBody ? exampleOf(op.requestBody) : undefined);

  it("answers 404 for another account's id, exactly as for a random id, and changes nothing; the owner's id works", async () => {
    const fixtures = fixturesFor(op.path);
    if (!fixtures) throw new Error(`no fixture for ${op.method} ${op.path}: add one to FIXTURES`);
    const id = await fixtures.create(acme);
    const before = await fixtures.read(acme, id);

    const theirs = await globex(op.method, urlOf(op, id), body());
    expectNotFound(theirs, `${op.method} ${op.path} with another account's id`);
    const randomId = randomIdLike(id);
    const random = await globex(op.method, urlOf(op, randomId), body());
    expectNotFound(random, `${op.method} ${op.path} with a random id`);
    // No hint that the object exists: the same error, word for word, apart from the id itself.
    expect(errorSignature(theirs.body, id)).toEqual(errorSignature(random.body, randomId));

    // Another account's live key, and an upload client_secret of another account, get nowhere either.
    expectNotFound(
      await globexLive(op.method, urlOf(op, id), body()),
      `${op.method} ${op.path} with another account's live key`,
    );
    const bySecret = await globexClientSecret(op.method, urlOf(op, id), body());
    const bySecretRandom = await globexClientSecret(op.method, urlOf(op, randomId), body());
    expect(bySecret.status).toBeGreaterThanOrEqual(400);
    expect(bySecret.status).toBeLessThan(500);
    expect([bySecret.status, bySecret.body?.error?.code]).toEqual([
      bySecretRandom.status,
      bySecretRandom.body?.error?.code,
    ]);

    expect(await fixtures.read(acme, id)).toEqual(before);

    const own = await acme(op.method, urlOf(op, id), body());
    if (own.status < 200 || own.status > 299) {
      throw new Error(`${op.method} ${op.path} with the owner's id: got ${own.status}: ${JSON.stringify(own.body)}`);
    }
    expect(own.headers.get('request-id')).toMatch(/^req_/);
    const ownRandom = await acme(op.method, urlOf(op, randomIdLike(id)), body());
    expectNotFound(ownRandom, `${op.method} ${op.path} with a random id of the owner's own kind`);
  });

  it('keeps test and live mode apart in both directions', async () => {
    const fixtures = fixturesFor(op.path)!;
    const liveId = await fixtures.create(acmeLive);
    const testId = await fixtures.create(acme);
    const liveBefore = await fixtures.read(acmeLive, liveId);
    const testBefore = await fixtures.read(acme, testId);

    expectNotFound(
      await acme(op.method, urlOf(op, liveId), body()),
      `${op.method} ${op.path}: test key on a live object`,
    );
    expectNotFound(
      await acmeLive(op.method, urlOf(op, testId), body()),
      `${op.method} ${op.path}: live key on a test object`,
    );
    expect(await fixtures.read(acmeLive, liveId)).toEqual(liveBefore);
    expect(await fixtures.read(acme, testId)).toEqual(testBefore);

    const own = await acmeLive(op.method, urlOf(op, liveId), body());
    if (own.status < 200 || own.status > 299) {
      throw new Error(
        `${op.method} ${op.path} with a live key on its own live object: got ${own.status}: ${JSON.stringify(own.body)}`,
      );
    }
    if (own.body && typeof own.body === 'object' && 'livemode' in own.body) expect(own.body.livemode).toBe(true);
  });
});

describe.each(listOperations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', (_name, op) => {
  it("lists the caller's own objects and never another account's or the other mode's", async () => {
    const fixtures = fixturesFor(`${op.path}/`)!;
    const testId = await fixtures.create(acme);
    const liveId = await fixtures.create(acmeLive);
    const ids = async (as: Call) => ok(await as('GET', `${op.path}?limit=100`)).data.map((o: any) => o.id);

    expect(await ids(acme)).toContain(testId);
    expect(await ids(acme)).not.toContain(liveId);
    expect(await ids(acmeLive)).toContain(liveId);
    expect(await ids(acmeLive)).not.toContain(testId);
    for (const other of [globex, globexLive]) {
      const theirs = await ids(other);
      expect(theirs).not.toContain(testId);
      expect(theirs).not.toContain(liveId);
    }
    // A cursor is an id too: another account's id is no cursor.
    const cursor = await globex('GET', `${op.path}?starting_after=${encodeURIComponent(testId)}`);
    expectNotFound(cursor, `${op.path}?starting_after with another account's id`);
  });
});
