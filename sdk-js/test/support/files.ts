import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { seededRandom } from './seeded-random';

/**
 * Writes `size` pseudo-random bytes (seeded) and returns their SHA-256. One random MiB is reused
 * with a fresh random head per block: fast, and still no two parts alike (so a part written to
 * the wrong place changes the hash).
 */
export async function writeRandomFile(path: string, size: number, seed = 7): Promise<string> {
  const random = seededRandom(seed);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((random() * 0x100000000) >>> 0, i);
  for (let written = 0; written < size;) {
    for (let i = 0; i < 64; i += 4) block.writeUInt32LE((random() * 0x100000000) >>> 0, i);
    const chunk = Buffer.from(block.subarray(0, Math.min(block.length, size - written)));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    written += chunk.length;
  }
  out.end();
  await finished(out);
  return hash.digest('hex');
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
