import {
  checkWebhookUrl,
  type HostResolver,
  nonPublicReason,
  type TargetRules,
  WebhookTargetError,
} from './target-policy';

const PRODUCTION: TargetRules = { allowPrivate: false, requireHttps: true };
const DEVELOPMENT_SWITCH: TargetRules = { allowPrivate: true, requireHttps: false };

/** Scripted DNS: what these names resolve to on the Internet (no network is used). */
const DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'localtest.me': ['127.0.0.1'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'ip6-localhost': ['::1'],
  'mixed.example.net': ['93.184.215.14', '10.0.0.5'],
};
const resolve: HostResolver = async (host) => {
  const answer = DNS[host.toLowerCase()];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answer;
};

async function refusal(url: string, rules = PRODUCTION): Promise<string | null> {
  try {
    await checkWebhookUrl(url, rules, resolve);
    return null;
  } catch (error) {
    if (error instanceof WebhookTargetError) return error.code;
    throw error;
  }
}

describe('webhook target policy (production rules)', () => {
  it.each([
    'https://8.8.8.8/',
    'https://1.1.1.1/hook',
    'https://[2606:4700:4700::1111]/',
    'https://[2002:0808:0808::1]/', // 6to4 of a public address
    'https://[64:ff9b::808:808]/', // NAT64 of a public address
    'https://hooks.example.com/sf',
  ])('accepts the public %s', async (url) => {
    expect(await refusal(url)).toBeNull();
  });

  it.each([
    'https://localhost/',
    'https://localhost./',
    'https://api.localhost/',
    'https://ip6-localhost/',
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://127.1/',
    'https://0.0.0.0/',
    'https://10.1.2.3/',
    'https://172.20.0.1/',
    'https://192.168.1.1/',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/',
    'https://224.0.0.1/',
    'https://255.255.255.255/',
    'https://192.0.2.10/', // documentation
    'https://198.18.0.1/', // benchmarking
    'https://240.0.0.1/', // reserved
    'https://[::1]/',
    'https://[::]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:0:7f00:1]/',
    'https://[64:ff9b::7f00:1]/',
    'https://[64:ff9b:1::a00:1]/',
    'https://[2002:7f00:1::]/',
    'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', // Teredo
    'https://[fd00::1]/',
    'https://[fe80::1]/',
    'https://[ff02::1]/',
    'https://[2001:db8::1]/',
    'https://[::127.0.0.1]/',
    'https://localtest.me/',
    'https://127.0.0.1.nip.io/',
    'https://metadata.google.internal/computeMetadata/v1/',
    'https://mixed.example.net/', // one private answer is enough
  ])('refuses %s', async (url) => {
    expect(await refusal(url)).toMatch(/^url_not_public$/);
  });

  it('refuses http, credentials, other schemes and names that do not resolve', async () => {
    expect(await refusal('http://hooks.example.com/')).toBe('url_invalid');
    expect(await refusal('https://user:pw@hooks.example.com/')).toBe('url_invalid');
    expect(await refusal('file:///etc/passwd')).toBe('url_invalid');
    expect(await refusal('not a url')).toBe('url_invalid');
    expect(await refusal('https://nowhere.invalid/')).toBe('url_unresolvable');
  });

  it('outside production takes http to public hosts, still not private ones', async () => {
    const dev: TargetRules = { allowPrivate: false, requireHttps: false };
    expect(await refusal('http://hooks.example.com/', dev)).toBeNull();
    expect(await refusal('http://127.0.0.1:4000/', dev)).toBe('url_not_public');
  });

  it('the development switch lets loopback receivers through', async () => {
    expect(await refusal('http://127.0.0.1:4000/hook', DEVELOPMENT_SWITCH)).toBeNull();
    expect(await refusal('http://localhost:4000/hook', { ...DEVELOPMENT_SWITCH })).toBe('url_unresolvable');
  });
});

describe('nonPublicReason', () => {
  it('names the range, and judges embedded IPv4 by the address inside', () => {
    expect(nonPublicReason('10.0.0.1')).toBe('private address');
    expect(nonPublicReason('::ffff:10.0.0.1')).toBe('ipv4Mapped form of a private address');
    expect(nonPublicReason('::ffff:8.8.8.8')).toBeNull();
    expect(nonPublicReason('2002:c0a8:0101::1')).toBe('6to4 form of a private address');
    expect(nonPublicReason('not-an-ip')).toBe('not an IP address');
  });
});
