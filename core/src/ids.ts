import { createHash, randomFillSync, timingSafeEqual } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export type IdPrefix = 'acct' | 'key' | 'vid' | 'upl' | 'evt' | 'we' | 'msg';

/**
 * Random bytes are drawn from the system generator 4 KiB at a time and handed out from that pool:
 * one `randomFillSync` per ~150 ids instead of a call and a new Buffer per id (every request id and
 * every object id comes from here). Each byte is used once.
 */
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

function nextRandomByte(): number {
  if (poolOffset === POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  return POOL[poolOffset++];
}

/** Uniformly random base62 text (rejection sampling keeps every character equally likely). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = nextRandomByte();
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}

/** Stripe-style object id: a type prefix and 24 random base62 characters (~143 bits). */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase62(24)}`;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
