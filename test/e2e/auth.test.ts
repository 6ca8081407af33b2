import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;
let acme: ReturnType<typeof client>;
let globex: ReturnType<typeof client>;
let acmeUpload: any;

beforeAll(async () => {
  sys = await startSystem();
  acme = client(sys.baseUrl, await sys.createKey('acme'));
  globex = client(sys.baseUrl, await sys.createKey('globex'));
  acmeUpload = (await acme('POST', '/v1/uploads', { filename: 'a.mp4', size: 1000, content_type: 'video/mp4' })).body;
});

afterAll(() => sys?.close());

function expectErrorShape(body: any, type: string) {
  expect(body.error).toMatchObject({ type, code: expect.any(String), message: expect.any(String) });
  expect(body.error.request_id).toMatch(/^req_/);
  expect(JSON.stringify(body)).not.toMatch(/stack|at \w+ \(/);
}

describe('authentication', () => {
  it('answers 401 with the error shape when the key is missing', async () => {
    const res = await client(sys.baseUrl)('GET', '/v1/videos');
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 'authentication_error');
    expect(res.body.error.code).toBe('missing_api_key');
    expect(res.headers.get('request-id')).toBe(res.body.error.request_id);
  });

  it('answers 401 for a wrong key and never echoes it', async () => {
    const wrong = 'sf_test_' + 'x'.repeat(32);
    const res = await client(sys.baseUrl, wrong)('GET', '/v1/videos');
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 'authentication_error');
    expect(JSON.stringify(res.body)).not.toContain(wrong);
    expect((await client(sys.baseUrl, 'garbage')('GET', '/v1/videos')).status).toBe(401);
  });

  it('accepts HTTP Basic with the key as username', async () => {
    const key = await sys.createKey('basic-user');
    const res = await fetch(`${sys.baseUrl}/v1/videos`, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("answers 404 for another account's upload and video, exactly as for a missing id", async () => {
    for (const path of [`/v1/uploads/${acmeUpload.id}`, `/v1/videos/${acmeUpload.video_id}`]) {
      expect((await acme('GET', path)).status).toBe(200);
      const theirs = await globex('GET', path);
      expect(theirs.status).toBe(404);
      expectErrorShape(theirs.body, 'not_found_error');
      const missing = await globex('GET', path.replace(/_[0-9A-Za-z]+$/, '_' + 'Z'.repeat(24)));
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe(theirs.body.error.code);
    }
    for (const [method, path] of [
      ['POST', `/v1/uploads/${acmeUpload.id}/part_urls`],
      ['POST', `/v1/uploads/${acmeUpload.id}/complete`],
      ['DELETE', `/v1/uploads/${acmeUpload.id}`],
    ]) {
      expect((await globex(method, path, method === 'POST' ? {} : undefined)).status).toBe(404);
    }
    expect((await acme('GET', `/v1/uploads/${acmeUpload.id}`)).body.status).toBe('open');
  });

  it("never lists another account's videos", async () => {
    const list = await globex('GET', '/v1/videos');
    expect(list.status).toBe(200);
    expect(list.body.data.map((v: any) => v.id)).not.toContain(acmeUpload.video_id);
    const own = await acme('GET', '/v1/videos');
    expect(own.body.data.map((v: any) => v.id)).toContain(acmeUpload.video_id);
  });

  it("rejects one upload's client_secret on another upload", async () => {
    const other = (await acme('POST', '/v1/uploads', { filename: 'b.mp4', size: 1000, content_type: 'video/mp4' }))
      .body;
    const browser = client(sys.baseUrl, acmeUpload.client_secret);
    expect((await browser('GET', `/v1/uploads/${acmeUpload.id}`)).status).toBe(200);
    const res = await browser('GET', `/v1/uploads/${other.id}`);
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 'permission_error');
    expect((await browser('GET', '/v1/videos')).status).toBe(403);
  });
});

describe('request validation', () => {
  it('names the bad parameter', async () => {
    const res = await acme('POST', '/v1/uploads', { filename: 'a.mp4', size: -5, content_type: 'video/mp4' });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'invalid_request_error');
    expect(res.body.error.param).toBe('size');
  });

  it('answers unknown routes and malformed JSON with the error shape', async () => {
    const unknown = await acme('GET', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body, 'not_found_error');
    const res = await fetch(`${sys.baseUrl}/v1/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await sys.createKey('json')}`, 'content-type': 'application/json' },
      body: '{"filename": ',
    });
    expect(res.status).toBe(400);
    expectErrorShape(await res.json(), 'invalid_request_error');
  });
});
