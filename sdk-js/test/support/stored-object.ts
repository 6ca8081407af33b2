import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStorage } from '@streamforge/core';
import type { TestSystem } from '../../../test/support/system';
import { sha256File } from './files';

/** The SHA-256 of the source object the API assembled for `videoId`, read back from storage. */
export async function storedSourceSha256(sys: TestSystem, videoId: string): Promise<string> {
  const storage = new ObjectStorage(sys.config.s3);
  const dir = await mkdtemp(join(tmpdir(), 'sf-readback-'));
  try {
    const key = (await storage.listKeys('')).find((k) => k.endsWith(`/${videoId}/source`));
    if (!key) throw new Error(`no source object for ${videoId}`);
    const path = join(dir, 'source');
    await storage.download(key, path);
    return await sha256File(path);
  } finally {
    storage.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
