import { generateApiKey, keyMode, looksLikeApiKey } from './api-keys';
import { sha256Hex } from './ids';

describe('API keys', () => {
  it('look like sf_test_/sf_live_ with a valid checksum and are stored only as a hash', () => {
    const test = generateApiKey(false);
    const live = generateApiKey(true);
    expect(test.secret).toMatch(/^sf_test_[0-9A-Za-z]{36}$/);
    expect(live.secret).toMatch(/^sf_live_[0-9A-Za-z]{36}$/);
    expect(looksLikeApiKey(test.secret)).toBe(true);
    expect(keyMode(live.secret)).toBe('live');
    expect(test.hash).toBe(sha256Hex(test.secret));
    expect(test.displayPrefix).not.toContain(test.secret.slice(12, -4));
  });

  it('refuses a key with one character changed (checksum)', () => {
    const { secret } = generateApiKey(false);
    const i = 20;
    const flipped = secret.slice(0, i) + (secret[i] === 'a' ? 'b' : 'a') + secret.slice(i + 1);
    expect(looksLikeApiKey(flipped)).toBe(false);
    expect(looksLikeApiKey(secret.slice(0, -1))).toBe(false);
  });

  it('never repeats', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateApiKey(false).secret));
    expect(seen.size).toBe(1000);
  });
});
