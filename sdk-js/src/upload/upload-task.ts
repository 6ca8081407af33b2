import { fullJitterDelay, retryAfterMs, sleep } from '../core/backoff';
import { Emitter } from '../core/emitter';
import { AbortedError, ApiError, UploadError } from '../core/errors';
import type { ApiTransport } from '../core/http';
import { linkedController } from '../core/signals';
import type { Upload } from '../core/types';
import { Uploads } from '../resources/uploads';
import { Videos } from '../resources/videos';
import { PausedSignal, PartNetworkError } from './errors';
import { PartUrlBook } from './part-url-book';
import { planParts, type PartRange } from './plan';
import type { UploadEvents, UploadOptions } from './options';
import type { FileSource, NetworkMonitor, PartTransport, ResumeStore } from './ports';
import { ProgressMeter, type UploadProgress } from './progress';
import { isRetryable, isRetryableStorageStatus } from './retry-policy';
import { resolveSession, type Session } from './session-resolver';
import { canTransition, isTerminal, type UploadResult, type UploadState } from './state';

export type { UploadEvents, UploadOptions, UploadRef } from './options';

export interface UploadDeps<Input, Body> {
  input: Input;
  baseTransport: ApiTransport;
  /** Null in client_secret mode. */
  keyTransport: ApiTransport | null;
  open(input: Input, opts: { filename?: string; contentType?: string }): Promise<FileSource<Body>>;
  transport: PartTransport<Body>;
  store: ResumeStore;
  network?: NetworkMonitor;
  concurrency: number;
}

/**
 * One file's upload: an explicit state machine (see state.ts) driving parallel part PUTs straight
 * to storage, recording each part with the API, and persisting enough to resume after a crash.
 */
export class UploadTask<Input, Body> implements PromiseLike<UploadResult> {
  readonly done: Promise<UploadResult>;
  private current: UploadState = { status: 'idle' };
  private readonly events = new Emitter<UploadEvents>();
  private readonly lifetime = new AbortController();
  private runController: AbortController | null = null;
  private pauseReason: 'user' | 'offline' | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  private meter: ProgressMeter | null = null;
  private session: Session | null = null;
  private readonly opts: UploadOptions;

  constructor(
    private readonly deps: UploadDeps<Input, Body>,
    opts: UploadOptions,
  ) {
    this.opts = opts;
    if (opts.onProgress) this.events.on('progress', opts.onProgress);
    if (opts.signal) {
      if (opts.signal.aborted) queueMicrotask(() => void this.abort());
      else opts.signal.addEventListener('abort', () => void this.abort(), { once: true });
    }
    this.done = this.run();
    // Callers who only listen to events must not crash the process with an unhandled rejection.
    this.done.catch(() => {});
  }

  get state(): UploadState {
    return this.current;
  }

  get progress(): UploadProgress | null {
    return this.meter?.snapshot() ?? null;
  }

  get uploadId(): string | null {
    return this.session?.upload.id ?? null;
  }

  on<K extends keyof UploadEvents>(event: K, listener: (payload: UploadEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  then<R1 = UploadResult, R2 = never>(
    onFulfilled?: ((value: UploadResult) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return this.done.then(onFulfilled, onRejected);
  }

  /** Stops sending. Committed parts stay committed; parts in flight are sent again on resume. */
  pause(reason: 'user' | 'offline' = 'user') {
    if (isTerminal(this.current) || this.current.status === 'completing' || this.pauseReason) return;
    this.pauseReason = reason;
    this.runController?.abort(new PausedSignal());
    this.meter?.reset();
    this.setState({
      status: 'paused',
      uploadId: this.session?.upload.id ?? null,
      videoId: this.session?.upload.video_id ?? null,
      reason,
    });
  }

  resume() {
    if (!this.pauseReason) return;
    this.pauseReason = null;
    this.wake?.();
  }

  /** Stops for good and discards the upload on the server (the video ends `failed`). */
  async abort(): Promise<void> {
    if (isTerminal(this.current)) return;
    this.lifetime.abort(new AbortedError('The upload was aborted.'));
    this.wake?.();
    await this.done.catch(() => {});
  }

  private async run(): Promise<UploadResult> {
    await Promise.resolve(); // let the caller attach listeners first
    let file: FileSource<Body> | null = null;
    const unsubscribe = this.watchNetwork();
    try {
      this.setState({ status: 'preparing' });
      file = await this.deps.open(this.deps.input, {
        filename: this.opts.filename,
        contentType: this.opts.contentType,
      });
      this.session = await resolveSession(file, {
        store: this.deps.store,
        baseTransport: this.deps.baseTransport,
        keyTransport: this.deps.keyTransport,
        options: this.opts,
        signal: this.lifetime.signal,
      });
      const { upload } = this.session;
      if (upload.status !== 'completed') await this.sendAllParts(file, this.session);
      return await this.finish(file, this.session);
    } catch (error) {
      if (this.lifetime.signal.aborted) {
        await this.discard();
        this.setState({ status: 'aborted' });
        throw this.lifetime.signal.reason;
      }
      this.setState({ status: 'failed', error: error as Error });
      throw error;
    } finally {
      unsubscribe();
      this.meter?.dispose();
      this.deps.transport.close?.();
      await file?.close?.().catch(() => {});
    }
  }

  private async sendAllParts(file: FileSource<Body>, session: Session) {
    const { upload, api } = session;
    if (upload.status !== 'open') throw new UploadError(`Upload ${upload.id} is ${upload.status}.`, 'upload_unusable');
    const parts = planParts(file.size, upload.mode === 'multipart' ? upload.part_size : null);
    if (parts.length !== upload.part_count) {
      throw new UploadError(
        `The server planned ${upload.part_count} parts; this file makes ${parts.length}.`,
        'upload_unusable',
      );
    }
    const recorded = new Set(upload.parts.map((p) => p.part_number));
    const uploads = new Uploads(api);
    this.meter = new ProgressMeter(file.size, parts.length, (p) => this.events.emit('progress', p));
    this.meter.setCommitted(
      parts.filter((p) => recorded.has(p.number)).reduce((sum, p) => sum + p.size, 0),
      recorded.size,
    );
    const concurrency = this.deps.concurrency;
    const book = new PartUrlBook(
      (numbers) => uploads.partUrls(upload.id, numbers, { signal: this.lifetime.signal }),
      () => parts.filter((p) => !recorded.has(p.number)).map((p) => p.number),
      concurrency * 2,
    );
    book.add(upload);

    while (recorded.size < parts.length) {
      await this.waitWhilePaused();
      this.setState({ status: 'uploading', uploadId: upload.id, videoId: upload.video_id });
      await this.runParts(
        parts.filter((p) => !recorded.has(p.number)),
        (part, signal) => this.sendPart(file, part, book, uploads, upload, recorded, signal),
      );
    }
    this.meter.flush();
  }

  /** Sends `queue` with `concurrency` workers until done, paused (returns) or failed (throws). */
  private async runParts(queue: PartRange[], send: (part: PartRange, signal: AbortSignal) => Promise<void>) {
    const { controller, dispose } = linkedController(this.lifetime.signal);
    this.runController = controller;
    if (this.pauseReason) controller.abort(new PausedSignal());
    let next = 0;
    let fatal: unknown = null;
    const worker = async () => {
      while (fatal === null && !controller.signal.aborted) {
        const part = queue[next++];
        if (!part) return;
        try {
          await send(part, controller.signal);
        } catch (error) {
          if (controller.signal.aborted) return;
          fatal = error;
          controller.abort(error); // stop the other workers at once
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.deps.concurrency, queue.length) }, worker));
    } finally {
      dispose();
      this.runController = null;
    }
    if (fatal !== null) throw fatal;
    if (this.lifetime.signal.aborted) throw this.lifetime.signal.reason;
  }

  private async sendPart(
    file: FileSource<Body>,
    part: PartRange,
    book: PartUrlBook,
    uploads: Uploads,
    upload: Upload,
    recorded: Set<number>,
    signal: AbortSignal,
  ) {
    const meter = this.meter!;
    for (;;) {
      let url: string;
      try {
        url = await book.get(part.number);
      } catch (error) {
        if (signal.aborted || !isRetryable(error)) throw error;
        await this.backOff(error as Error, part.number, null, signal);
        continue;
      }
      if (signal.aborted) throw signal.reason;
      let response;
      try {
        response = await this.deps.transport.put({
          url,
          body: file.slice(part.start, part.end),
          size: part.size,
          contentType: upload.mode === 'single' ? upload.content_type : undefined,
          signal,
          stallTimeoutMs: this.opts.stallTimeoutMs ?? 30_000,
          onBytes: (sent) => meter.partBytes(part.number, sent),
        });
      } catch (error) {
        meter.partFailed(part.number);
        if (signal.aborted) throw signal.reason;
        if (!(error instanceof PartNetworkError)) throw error;
        await this.backOff(error, part.number, null, signal);
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        if (!response.etag) {
          throw new UploadError(
            `Storage stored part ${part.number} but its ETag header is unreadable: the bucket's CORS must expose ETag (<ExposeHeader>ETag</ExposeHeader>).`,
            'etag_unreadable',
          );
        }
        await this.recordPart(uploads, upload.id, part.number, response.etag, signal);
        recorded.add(part.number);
        this.failures = 0; // bytes committed: the next failure starts the backoff over
        meter.partCommitted(part.number, part.size);
        this.events.emit('part', { partNumber: part.number, etag: response.etag });
        return;
      }
      meter.partFailed(part.number);
      const error = new UploadError(
        `Storage answered HTTP ${response.status} to part ${part.number}: ${response.body.slice(0, 300)}`,
        'storage_rejected',
      );
      if (!isRetryableStorageStatus(response.status)) throw error;
      if (response.status === 403) book.invalidate(part.number);
      await this.backOff(error, part.number, retryAfterMs(response.retryAfter), signal);
    }
  }

  /** Records the ETag, retrying only the API call (the bytes are safely stored). */
  private async recordPart(uploads: Uploads, uploadId: string, partNumber: number, etag: string, signal: AbortSignal) {
    for (;;) {
      try {
        await uploads.recordParts(uploadId, [{ part_number: partNumber, etag }], { signal });
        return;
      } catch (error) {
        if (signal.aborted || !isRetryable(error)) throw error;
        await this.backOff(error as Error, partNumber, hintOf(error), signal);
      }
    }
  }

  private async finish(file: FileSource<Body>, session: Session): Promise<UploadResult> {
    const { upload: current, api, key } = session;
    this.setState({ status: 'completing', uploadId: current.id, videoId: current.video_id });
    let completed = current;
    if (current.status !== 'completed') {
      await file.assertUnchanged?.();
      const uploads = new Uploads(api);
      for (;;) {
        try {
          completed = await uploads.complete(current.id, { signal: this.lifetime.signal });
          break;
        } catch (error) {
          if (this.lifetime.signal.aborted || !isRetryable(error)) throw error;
          await this.backOff(error as Error, null, hintOf(error), this.lifetime.signal);
        }
      }
    }
    await this.deps.store.delete(key).catch(() => {});
    const video = this.deps.keyTransport
      ? await new Videos(this.deps.keyTransport).retrieve(completed.video_id).catch(() => null)
      : null;
    const result: UploadResult = { uploadId: completed.id, videoId: completed.video_id, upload: completed, video };
    this.setState({ status: 'done', result });
    return result;
  }

  private async backOff(error: Error, partNumber: number | null, hintMs: number | null, signal: AbortSignal) {
    this.failures += 1;
    const max = this.opts.maxFailures ?? 20;
    if (this.failures > max) {
      throw new UploadError(
        `Gave up after ${max} failures in a row with no part committed: ${error.message}`,
        'retries_exhausted',
        {
          cause: error,
        },
      );
    }
    const jitter = fullJitterDelay(this.failures - 1, {
      baseMs: this.opts.retryBaseMs ?? 500,
      capMs: this.opts.retryCapMs ?? 30_000,
    });
    const delayMs = Math.max(jitter, hintMs ?? 0);
    this.events.emit('retry', { partNumber, failures: this.failures, delayMs, error });
    await sleep(delayMs, signal);
  }

  private async waitWhilePaused() {
    while (this.pauseReason) {
      if (this.lifetime.signal.aborted) throw this.lifetime.signal.reason;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    if (this.lifetime.signal.aborted) throw this.lifetime.signal.reason;
  }

  /** Aborting deletes the server's upload and forgets the session; best effort. */
  private async discard() {
    if (!this.session) return;
    await new Uploads(this.session.api).abort(this.session.upload.id).catch(() => {});
    await this.deps.store.delete(this.session.key).catch(() => {});
  }

  private watchNetwork(): () => void {
    const network = this.deps.network;
    if (!network) return () => {};
    return network.subscribe((online) => {
      if (!online) this.pause('offline');
      else if (this.pauseReason === 'offline') this.resume();
    });
  }

  private setState(next: UploadState) {
    if (next.status === this.current.status) return;
    if (next.status !== this.current.status && !canTransition(this.current.status, next.status)) {
      throw new Error(`Internal error: upload cannot go from ${this.current.status} to ${next.status}.`);
    }
    this.current = next;
    this.events.emit('state', next);
  }
}

function hintOf(error: unknown): number | null {
  return error instanceof ApiError ? retryAfterMs(error.headers.get('retry-after')) : null;
}
