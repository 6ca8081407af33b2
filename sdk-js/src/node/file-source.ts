import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { UploadError } from '../core/errors';
import type { FileSource } from '../upload/ports';
import { contentTypeFor } from './content-type';

/** A part body in Node: a factory, so each attempt opens a fresh ranged stream. */
export type NodeBody = () => Readable;

/** A file on disk, read by ranged streams so memory stays bounded by the parts in flight. */
export async function openNodeFile(
  path: string,
  opts: { filename?: string; contentType?: string },
): Promise<FileSource<NodeBody>> {
  const absolute = await realpath(path);
  const initial = await stat(absolute);
  if (!initial.isFile()) throw new TypeError(`${path} is not a file.`);
  return {
    name: opts.filename ?? basename(absolute),
    size: initial.size,
    type: opts.contentType ?? contentTypeFor(absolute),
    async fingerprint() {
      return createHash('sha256')
        .update(`${absolute}\0${initial.size}\0${initial.mtimeMs}\0${initial.ino}`)
        .digest('hex');
    },
    slice(start, end) {
      return () => createReadStream(absolute, { start, end: end - 1, highWaterMark: 256 * 1024 });
    },
    async assertUnchanged() {
      const now = await stat(absolute);
      if (now.size !== initial.size || now.mtimeMs !== initial.mtimeMs) {
        throw new UploadError(`${path} changed while it was uploading; upload it again.`, 'file_changed');
      }
    },
  };
}
