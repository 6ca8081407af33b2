import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AppConfig } from '../config';
import { PathStylePresigner } from './presigner';

export interface ObjectHead {
  size: number;
  etag?: string;
  contentType?: string;
}

function s3Client(config: AppConfig['s3'], endpoint: string | undefined): S3Client {
  return new S3Client({
    region: config.region,
    endpoint,
    // Bucket-in-path URLs work on every S3-compatible store (MinIO, R2, s3rver); AWS keeps virtual hosts.
    forcePathStyle: Boolean(endpoint),
    credentials: config.credentials,
    // Since SDK 3.729 checksums are added by default, and presigned URLs then carry the CRC32 of an
    // empty body, which S3-compatible stores reject. Only send checksums where the API demands them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey';
}

/**
 * Everything StreamForge asks of S3. The api presigns (with the public endpoint browsers reach);
 * the worker reads and writes objects. No bytes of an upload ever pass through the api.
 */
export class ObjectStorage {
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  /** Set when browsers reach the store path-style at a fixed endpoint: URLs signed without a command per URL. */
  private readonly pathStyle: PathStylePresigner | undefined;
  readonly bucket: string;

  constructor(private readonly config: AppConfig['s3']) {
    this.client = s3Client(config, config.endpoint);
    this.presigner = config.publicEndpoint === config.endpoint ? this.client : s3Client(config, config.publicEndpoint);
    this.bucket = config.bucket;
    this.pathStyle = config.publicEndpoint
      ? new PathStylePresigner(this.presigner, config.publicEndpoint, config.bucket)
      : undefined;
  }

  /** A PUT URL bound to the exact byte count, so a client cannot store more than it declared. */
  presignPut(key: string, opts: { contentLength: number; contentType: string; expiresIn: number }) {
    const signableHeaders = new Set(['content-length', 'content-type']);
    if (this.pathStyle) {
      return this.pathStyle.presign(
        'PUT',
        key,
        { 'x-id': 'PutObject' },
        { 'content-length': String(opts.contentLength), 'content-type': opts.contentType },
        { expiresIn: opts.expiresIn, signableHeaders },
      );
    }
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentLength: opts.contentLength,
      ContentType: opts.contentType,
    });
    return getSignedUrl(this.presigner, command, { expiresIn: opts.expiresIn, signableHeaders });
  }

  async createMultipart(key: string, contentType: string): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }),
    );
    if (!out.UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return out.UploadId;
  }

  presignPart(key: string, uploadId: string, partNumber: number, contentLength: number, expiresIn: number) {
    const signableHeaders = new Set(['content-length']);
    if (this.pathStyle) {
      return this.pathStyle.presign(
        'PUT',
        key,
        { partNumber: String(partNumber), uploadId, 'x-id': 'UploadPart' },
        { 'content-length': String(contentLength) },
        { expiresIn, signableHeaders },
      );
    }
    const command = new UploadPartCommand({
      Bucket: this.bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: partNumber,
      ContentLength: contentLength,
    });
    return getSignedUrl(this.presigner, command, { expiresIn, signableHeaders });
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]) {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })),
        },
      }),
    );
  }

  /** Best effort: some S3-compatible stores do not implement AbortMultipartUpload. */
  async abortMultipart(key: string, uploadId: string): Promise<boolean> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
      return true;
    } catch (error) {
      if (error instanceof S3ServiceException) return false;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, etag: out.ETag, contentType: out.ContentType };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Bytes [start, end) of an object as a stream, for reading a source while it downloads. With
   * `etag`, storage refuses the read if the object was replaced since it was looked at.
   */
  async getRange(
    key: string,
    start: number,
    end: number,
    opts: { signal?: AbortSignal; etag?: string } = {},
  ): Promise<AsyncIterable<Uint8Array>> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end - 1}`, IfMatch: opts.etag }),
      { abortSignal: opts.signal },
    );
    return out.Body as Readable;
  }

  async getBuffer(key: string): Promise<Buffer | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async putFile(key: string, filePath: string, contentType: string, cacheControl?: string) {
    await this.putBuffer(key, await readFile(filePath), contentType, cacheControl);
  }

  async putBuffer(key: string, body: Buffer, contentType: string, cacheControl?: string) {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        CacheControl: cacheControl,
      }),
    );
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const out = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of out.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const keys = await this.listKeys(prefix);
    for (let i = 0; i < keys.length; i += 1000) {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
        }),
      );
    }
    return keys.length;
  }

  /** Creates the bucket when missing and lets browsers PUT parts and read their ETag. */
  async ensureBucket(corsOrigins: string[] = ['*']) {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
    await this.client.send(
      new PutBucketCorsCommand({
        Bucket: this.bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: corsOrigins,
              AllowedMethods: ['GET', 'HEAD', 'PUT'],
              AllowedHeaders: ['*'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 3600,
            },
          ],
        },
      }),
    );
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  destroy() {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }
}
