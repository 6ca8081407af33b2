import { crc32 } from 'node:zlib';
import { randomBase62, sha256Hex } from './ids';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^sf_(test|live)_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/;

/** CRC32 of the random part as 6 base62 characters: a scanner can recognise a leaked key offline. */
function checksum(body: string): string {
  let n = crc32(body) >>> 0;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** A new secret key: `sf_test_`/`sf_live_`, 30 random base62 characters (~178 bits) and a checksum. */
export function generateApiKey(livemode: boolean) {
  const body = randomBase62(30);
  const secret = `sf_${livemode ? 'live' : 'test'}_${body}${checksum(body)}`;
  return { secret, hash: sha256Hex(secret), displayPrefix: `${secret.slice(0, 12)}…${secret.slice(-4)}` };
}

/** True for a well-formed key whose checksum matches; typos are refused without a database query. */
export function looksLikeApiKey(value: string): boolean {
  const match = KEY_PATTERN.exec(value);
  return Boolean(match && checksum(match[2]) === match[3]);
}

export function keyMode(value: string): 'test' | 'live' | null {
  return KEY_PATTERN.exec(value)?.[1] as 'test' | 'live' | null;
}
