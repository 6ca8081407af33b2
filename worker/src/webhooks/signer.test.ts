import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { signingSecrets, WebhookSigner } from './signer';

const OLD = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEW = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

function verify(secret: string, headers: Record<string, string>, body: string) {
  return new Webhook(secret).verify(body, headers);
}

describe('WebhookSigner', () => {
  const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'video.ready' });
  const now = Math.floor(Date.now() / 1000);

  it('signs so the standardwebhooks package verifies it', () => {
    const headers = new WebhookSigner().sign([NEW], 'msg_1', now, body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(NEW, { ...headers }, body)).toEqual(JSON.parse(body));
    expect(() => verify(OLD, { ...headers }, body)).toThrow();
    expect(() => verify(NEW, { ...headers }, `${body} `)).toThrow();
  });

  it('sends both signatures during a rotation, each verifying alone', () => {
    const headers = new WebhookSigner().sign([NEW, OLD], 'msg_1', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify(NEW, { ...headers }, body)).toEqual(JSON.parse(body));
    expect(verify(OLD, { ...headers }, body)).toEqual(JSON.parse(body));
  });

  it('signs with the previous secret only while its overlap lasts', () => {
    const endpoint = { secret: NEW, previousSecret: OLD, previousSecretExpiresAt: new Date(2_000_000_000_000) };
    expect(signingSecrets(endpoint, new Date(1_999_999_999_999))).toEqual([NEW, OLD]);
    expect(signingSecrets(endpoint, new Date(2_000_000_000_000))).toEqual([NEW]);
    expect(signingSecrets({ ...endpoint, previousSecret: null }, new Date(0))).toEqual([NEW]);
  });
});

describe('WebhookSigner against the shared vectors (openapi/webhook-test-vectors.json, the SDK checks them too)', () => {
  const vectors = JSON.parse(readFileSync(join(__dirname, '../../../openapi/webhook-test-vectors.json'), 'utf8'));
  const valid = (vectors.cases as Array<Record<string, any>>).filter((c) => c.expect === 'valid');

  it.each(valid.map((c) => [c.name, c] as const))('%s: our signature is among those sent', (_name, c) => {
    const ours = new WebhookSigner().sign([c.secret], c.id, c.timestamp, c.payload)['webhook-signature'];
    expect(c.signature.split(' ')).toContain(ours);
  });
});
