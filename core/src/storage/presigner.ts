import type { S3Client } from '@aws-sdk/client-s3';
import { formatUrl } from '@aws-sdk/core/util';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { escapeUriPath } from '@smithy/core/protocols';

export interface PresignOptions {
  expiresIn: number;
  /** Headers the URL is bound to (the caller must send them with these values). */
  signableHeaders: Set<string>;
  /** For tests: sign as of this instant. */
  signingDate?: Date;
}

/**
 * Presigned URLs for a store addressed path-style at a fixed endpoint (MinIO, R2, the embedded
 * store): the same SigV4 query signature `getSignedUrl` produces, without running a whole command
 * through the SDK's middleware stack (endpoint rules, schema serialisation, retry set-up) for each
 * URL, which was a fifth of the api's CPU per `POST /v1/uploads`. Only the signing differs in how it
 * is reached: `S3RequestPresigner`, with the client's own credentials, region and hash, and the
 * SDK's own key escaping and URL formatting. `presigner.test.ts` checks the URLs are identical to
 * `getSignedUrl`'s.
 */
export class PathStylePresigner {
  private readonly signer: S3RequestPresigner;
  private readonly endpoint: URL;

  constructor(
    client: S3Client,
    endpoint: string,
    private readonly bucket: string,
  ) {
    this.endpoint = new URL(endpoint);
    this.signer = new S3RequestPresigner({ ...client.config, signingName: 's3' });
  }

  /** A presigned URL for `method` on object `key`, with `query` (the operation's parameters) and `headers`. */
  async presign(
    method: 'GET' | 'PUT',
    key: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    options: PresignOptions,
  ): Promise<string> {
    const { protocol, hostname, port, pathname } = this.endpoint;
    const signed = await this.signer.presign(
      {
        method,
        protocol,
        hostname,
        port: port ? Number(port) : undefined,
        path: `${pathname.replace(/\/+$/, '')}/${this.bucket}/${escapeUriPath(key)}`,
        query: { ...query },
        headers: { ...headers },
      },
      options,
    );
    return formatUrl(signed);
  }
}
