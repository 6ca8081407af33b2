import { scrub } from './scrub';

describe('scrub', () => {
  it('removes keys, client secrets, webhook secrets, URL signatures and credentials in URLs', () => {
    const line = [
      'key sf_test_AbCdEf0123456789AbCdEf0123456789abcd',
      'live sf_live_ZZZZ1111',
      `upl_${'a'.repeat(24)}_secret_${'b'.repeat(32)}`,
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'https://s3/x?X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=deadbeef01&x-id=PutObject',
      'postgres://app:hunter2@db:5432/sf redis://:s3cret@cache:6379',
    ].join(' ');
    const out = scrub(line);
    for (const secret of [
      'AbCdEf0123456789',
      'ZZZZ1111',
      'b'.repeat(32),
      'MfKQ9r8GKYqr',
      'deadbeef01',
      'AKIA',
      'hunter2',
      's3cret',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain(`upl_${'a'.repeat(24)}_secret_[redacted]`);
    expect(out).toContain('x-id=PutObject');
  });
});
