import { createHash } from 'node:crypto';
import { ObjectStorage } from '@streamforge/core';
import type { TestSystem } from '../../../test/support/system';

/** The SHA-256 of the source object the API assembled for `videoId`, streamed back from storage. */
export async function storedSourceSha256(sys: TestSystem, videoId: string): Promise<string> {
  const storage = new ObjectStorage(sys.config.s3);
  try {
    const key = (await storage.listKeys('')).find((k) => k.endsWith(`/${videoId}/source`));
    const head = key ? await storage.head(key) : null;
    if (!key || !head) throw new Error(`no source object for ${videoId}`);
    const hash = createHash('sha256');
    if (head.size > 0) for await (const chunk of await storage.getRange(key, 0, head.size)) hash.update(chunk);
    return hash.digest('hex');
  } finally {
    storage.destroy();
  }
}
