import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { Agent, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBase62 } from '@streamforge/core';
import S3rver from 's3rver';
import { createStrictLayer } from './s3-strict-layer';

/** The only credentials the embedded store accepts (SigV4, verified by the strict layer). */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

// Browsers PUT parts from any page in development and must be able to read each part's ETag.
const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The embedded S3-compatible store for development and tests, on loopback only: npm `s3rver` keeps
 * the bytes behind a strict layer that refuses what S3 refuses (anonymous access other than reads of
 * published outputs, bad or expired signatures, bodies that are not the signed length, completions
 * naming ETags the store never returned or parts of the wrong size) — see `s3-strict-layer.ts`.
 */
export async function startLocalS3(opts: {
  directory: string;
  bucket: string;
  port?: number;
  /** The smallest non-last multipart part (S3's 5 MiB by default). */
  minPartSize?: number;
  /** Hears each request the store receives (method and URL), for benchmarks that count them. */
  onRequest?: (method: string, url: string) => void;
}): Promise<LocalS3> {
  const store = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: opts.directory,
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: [CORS] }],
  });
  answerWritesOnceWritten(store);
  deleteWithoutRacing(store);
  const upstream = await store.run();
  const agent = new Agent({ keepAlive: true });
  const spoolDirectory = await mkdtemp(join(tmpdir(), 'sf-s3-spool-'));
  const layer = await createStrictLayer({
    upstream: { host: '127.0.0.1', port: upstream.port, agent },
    credentials: LOCAL_S3_CREDENTIALS,
    spoolDirectory,
    storeDirectory: opts.directory,
    minPartSize: opts.minPartSize,
  });
  const { onRequest } = opts;
  if (onRequest) layer.on('request', (request: IncomingMessage) => onRequest(request.method ?? '', request.url ?? ''));
  try {
    await new Promise<void>((resolve, reject) => {
      layer.once('error', reject);
      layer.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    agent.destroy();
    store.httpServer?.closeAllConnections();
    await store.close();
    await rm(spoolDirectory, { recursive: true, force: true });
    throw error;
  }
  const { port } = layer.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        layer.closeAllConnections();
        await new Promise<void>((resolve) => layer.close(() => resolve()));
        agent.destroy();
        store.httpServer?.closeAllConnections();
        await store.close();
        await rm(spoolDirectory, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}

/** The part of s3rver's filesystem store that `answerWritesOnceWritten` and `deleteWithoutRacing` replace and use. */
interface FilesystemStore {
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string, resource: string): string;
  deleteObject(bucket: string, key: string): Promise<void>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: S3ObjectToStore): Promise<{ size: number; md5: string }>;
  putPart(
    bucket: string,
    uploadId: string,
    partNumber: number,
    content: Readable,
  ): Promise<{ size: number; md5: string }>;
}
function filesystemStoreOf(server: S3rver): FilesystemStore {
  return (server as unknown as { store: FilesystemStore }).store;
}
interface S3ObjectToStore {
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  content: Buffer | Readable;
}

/**
 * s3rver answers a PUT, a part and a multipart completion once the bytes are handed to its file
 * stream, not once they are written, and writes over the object's file in place: a read right after
 * the answer (or a completion reading the parts) could find the file short. Its store's `putObject`
 * and `putPart` become ones that write a temporary file, rename it into place and only then let
 * s3rver answer.
 */
function answerWritesOnceWritten(server: S3rver) {
  const store = filesystemStoreOf(server);
  store.putObject = async function putObject(object) {
    const path = this.getResourcePath(object.bucket, object.key, 'object');
    const content = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    const written = await writeWhole(path, content);
    await this.putMetadata(object.bucket, object.key, object.metadata, written.md5);
    return written;
  };
  store.putPart = async function putPart(bucket, uploadId, partNumber, content) {
    const path = join(this.getResourcePath(bucket, '', 'uploads'), uploadId, String(partNumber));
    const written = await writeWhole(path, content);
    await writeFile(`${path}.md5`, written.md5);
    return written;
  };
}

/**
 * s3rver deletes the keys of one DeleteObjects request all at once, and each delete then climbs the
 * key's folders removing the empty ones after reading each folder: two keys of one folder race (one
 * reads a folder the other has just removed), and the whole request fails with InternalError. Here a folder is removed only by an `rmdir` that finds it empty, and a folder
 * already gone or no longer empty ends the climb.
 */
function deleteWithoutRacing(server: S3rver) {
  const store = filesystemStoreOf(server);
  store.deleteObject = async function deleteObject(bucket, key) {
    await Promise.all(
      ['object', 'object.md5', 'metadata.json'].map((resource) =>
        unlink(this.getResourcePath(bucket, key, resource)).catch(unless('ENOENT')),
      ),
    );
    const folders = key.split('/').slice(0, -1);
    for (; folders.length > 0; folders.pop()) {
      try {
        await rmdir(join(this.getBucketPath(bucket), ...folders));
      } catch (error) {
        if (['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
        throw error;
      }
    }
  };
}

function unless(code: string) {
  return (error: NodeJS.ErrnoException) => {
    if (error.code !== code) throw error;
  };
}

/**
 * Writes `content` to a temporary file beside `path`, then renames it into place. The folder is made
 * again if a delete of the folder's last other object removed it before the file was created.
 */
async function writeWhole(path: string, content: Readable): Promise<{ size: number; md5: string }> {
  const partial = `${path}.${randomBase62(8)}.partial`;
  // The write stream closes the file when it ends or fails.
  const file = await openMakingFolder(partial);
  const md5 = createHash('md5');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(content, counter, file.createWriteStream());
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { size, md5: md5.digest('hex') };
}

async function openMakingFolder(path: string, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    await mkdir(dirname(path), { recursive: true });
    try {
      return await open(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= attempts) throw error;
    }
  }
}
