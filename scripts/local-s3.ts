import S3rver from 's3rver';

/** s3rver checks signatures against these fixed credentials. */
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
 * The embedded S3-compatible store for development and tests (npm `s3rver`), on loopback only.
 * It is lax (no ListParts, no abort, loose completions): tests check integrity themselves.
 */
export async function startLocalS3(opts: { directory: string; bucket: string; port?: number }): Promise<LocalS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    silent: true,
    directory: opts.directory,
    vhostBuckets: false,
    configureBuckets: [{ name: opts.bucket, configs: [CORS] }],
  });
  const { port } = await server.run();
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        server.httpServer?.closeAllConnections();
        await server.close();
      })();
      return closing;
    },
  };
}
