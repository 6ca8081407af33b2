import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
}): Promise<LocalS3> {
  const store = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: opts.directory,
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: [CORS] }],
  });
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
