// The platform-specific parts of the uploader, as small interfaces. The browser and Node entry
// points supply implementations; tests supply fakes.

/** The file being uploaded. `Body` is what the platform's transport can send (Blob, a stream factory). */
export interface FileSource<Body> {
  readonly name: string;
  readonly size: number;
  /** The MIME type to declare; '' when unknown. */
  readonly type: string;
  /** Cheap identity (path or name, size, modification time) to find this file's session again later. */
  fingerprint(): Promise<string>;
  /** Bytes [start, end), read lazily so memory stays bounded by the parts in flight. */
  slice(start: number, end: number): Body;
  /** Throws when the file changed since it was opened (it would assemble into a corrupt object). */
  assertUnchanged?(): Promise<void>;
  close?(): Promise<void>;
}

export interface PartPutRequest<Body> {
  url: string;
  body: Body;
  size: number;
  /** Only for single PUTs, whose presigned URL binds the content type. */
  contentType?: string;
  signal: AbortSignal;
  /** No byte moving for this long aborts the attempt with a StallError. */
  stallTimeoutMs: number;
  /** Cumulative bytes of this body sent so far. */
  onBytes(sent: number): void;
}

export interface PartPutResponse {
  status: number;
  etag: string | null;
  retryAfter: string | null;
  /** The start of the response body, for error messages (S3 answers XML). */
  body: string;
}

/** PUTs a body to a presigned URL. Rejects with PartNetworkError/StallError when no answer came. */
export interface PartTransport<Body> {
  put(request: PartPutRequest<Body>): Promise<PartPutResponse>;
  /** Releases sockets when the upload ends. */
  close?(): void;
}

/** What a later run needs to find and continue an upload of the same file. */
export interface ResumeRecord {
  key: string;
  uploadId: string;
  videoId: string;
  /** Present in client_secret mode, so a reloaded page can continue without its backend. */
  clientSecret: string | null;
  size: number;
  partSize: number | null;
  partCount: number;
  /** Unix seconds: the server's session expiry; the record is garbage after it. */
  expiresAt: number;
  savedAt: number;
}

export interface ResumeStore {
  get(key: string): Promise<ResumeRecord | undefined>;
  set(record: ResumeRecord): Promise<void>;
  delete(key: string): Promise<void>;
  /** Drops records whose session has expired. */
  prune(nowSeconds: number): Promise<void>;
}

/** Browsers report connectivity; Node has no such signal and omits it. */
export interface NetworkMonitor {
  isOnline(): boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface UploadPlatform<Input, Body> {
  open(input: Input, opts: { filename?: string; contentType?: string }): Promise<FileSource<Body>>;
  transport(opts: { concurrency: number }): PartTransport<Body>;
  resumeStore(): ResumeStore;
  network?(): NetworkMonitor | undefined;
  defaultConcurrency: number;
  maxConcurrency: number;
}

export class MemoryResumeStore implements ResumeStore {
  private readonly records = new Map<string, ResumeRecord>();
  async get(key: string) {
    return this.records.get(key);
  }
  async set(record: ResumeRecord) {
    this.records.set(record.key, record);
  }
  async delete(key: string) {
    this.records.delete(key);
  }
  async prune(now: number) {
    for (const [key, r] of this.records) if (r.expiresAt <= now) this.records.delete(key);
  }
}
