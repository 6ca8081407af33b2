import type { HostResolver } from '@streamforge/core';
import { client } from '../support/http';
import { startSystem, type TestSystem } from '../support/system';

/** What these names resolve to on the Internet, scripted (this machine has no outside DNS). */
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14'],
  'v6.example.com': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'localtest.me': ['127.0.0.1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'ip6-localhost': ['::1'],
};
const resolveHost: HostResolver = async (host) => {
  const answer = DNS[host.toLowerCase()];
  if (!answer) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return answer;
};

let sys: TestSystem;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  sys = await startSystem({ env: { NODE_ENV: 'production' }, resolveHost });
  api = client(sys.baseUrl, await sys.createKey('acme'));
});
afterAll(() => sys?.close());

const create = (url: string) => api('POST', '/v1/webhook_endpoints', { url, enabled_events: ['*'] });

describe('webhook URLs under production rules, through the API', () => {
  it.each([
    'https://8.8.8.8/',
    'https://1.1.1.1/hook',
    'https://[2606:4700:4700::1111]/',
    'https://hooks.example.com/sf',
    'https://v6.example.com/sf',
  ])('accepts the public %s', async (url) => {
    expect((await create(url)).status).toBe(201);
  });

  it.each([
    'https://localhost./',
    'https://a.localhost/',
    'https://ip6-localhost/',
    'https://[64:ff9b::7f00:1]/',
    'https://[2002:7f00:1::]/',
    'https://[::ffff:0:7f00:1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://169.254.169.254/',
    'https://100.64.0.1/',
    'https://[fd12::1]/',
    'https://localtest.me/',
    'https://127.0.0.1.nip.io/',
    'https://metadata.google.internal/',
  ])('refuses %s with 400 naming url', async (url) => {
    const res = await create(url);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'url_not_public', param: 'url' });
  });

  it('refuses http in production, and a PATCH to a private URL', async () => {
    expect((await create('http://hooks.example.com/')).body.error.code).toBe('url_invalid');
    const ok = await create('https://hooks.example.com/sf');
    const patched = await api('PATCH', `/v1/webhook_endpoints/${ok.body.id}`, { url: 'https://10.0.0.1/' });
    expect(patched.status).toBe(400);
  });
});
