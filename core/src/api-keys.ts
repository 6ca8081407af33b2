import { randomBase62, sha256Hex } from './ids';

const KEY_PATTERN = /^sf_(test|live)_[0-9A-Za-z]{32}$/;

/** A new secret key: `sf_test_` or `sf_live_` and 32 base62 characters (~190 bits). */
export function generateApiKey(livemode: boolean) {
  const secret = `sf_${livemode ? 'live' : 'test'}_${randomBase62(32)}`;
  return { secret, hash: sha256Hex(secret), displayPrefix: `${secret.slice(0, 12)}…${secret.slice(-4)}` };
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
