import { assertWebhookUrl } from './endpoint-url';

describe('assertWebhookUrl', () => {
  it('takes https URLs to public hosts in production', () => {
    expect(assertWebhookUrl('https://hooks.example.com/sf', true)).toBe('https://hooks.example.com/sf');
  });

  it('refuses http, private, loopback, link-local, CGNAT and mapped addresses in production', () => {
    for (const url of [
      'http://hooks.example.com/',
      'https://localhost/x',
      'https://127.0.0.1/',
      'https://10.1.2.3/',
      'https://172.20.0.1/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[fd00::1]/',
    ]) {
      expect(() => assertWebhookUrl(url, true)).toThrow(/public host|https/);
    }
  });

  it('allows http and localhost in development but never credentials or other schemes', () => {
    expect(assertWebhookUrl('http://127.0.0.1:4000/hook', false)).toBe('http://127.0.0.1:4000/hook');
    expect(() => assertWebhookUrl('https://user:pw@example.com/', false)).toThrow(/credentials/);
    expect(() => assertWebhookUrl('file:///etc/passwd', false)).toThrow(/https/);
    expect(() => assertWebhookUrl('not a url', false)).toThrow(/absolute/);
  });
});
