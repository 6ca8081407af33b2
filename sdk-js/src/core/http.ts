import { fullJitterDelay, retryAfterMs, sleep } from './backoff';
import { AbortedError, ApiError, ConnectionError, errorFromResponse, StreamForgeError, TimeoutError } from './errors';
import { randomId } from './random';
import { linkedController } from './signals';

export interface TransportOptions {
  /** Where the API lives, e.g. `https://video.example.com` (no `/v1`). */
  baseUrl: string;
  /** A secret API key (`sf_test_…`) or an upload's `client_secret`. */
  credential: string;
  /** Per-attempt timeout. Default 60 s. */
  timeoutMs?: number;
  /** Retries after the first attempt for requests that are safe to repeat. Default 2. */
  maxRetries?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  fetch?: typeof fetch;
  /** Added to every request (e.g. a user agent in Node). */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: object;
  body?: unknown;
  /** Sent on POSTs; generated when absent so that retrying a POST cannot create twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
}

const RETRYABLE_STATUS = new Set([408, 409, 429, 500, 502, 503, 504]);

/** JSON over fetch with auth, timeouts and retries. Both platforms use it; it needs only `fetch`. */
export class ApiTransport {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: TransportOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.fetchImpl = opts.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  withCredential(credential: string): ApiTransport {
    return new ApiTransport({ ...this.opts, credential });
  }

  async request<T>(req: RequestOptions): Promise<T> {
    const url = this.url(req.path, req.query);
    const idempotencyKey = req.method === 'POST' ? (req.idempotencyKey ?? `sdk_${randomId()}`) : undefined;
    const maxRetries = req.maxRetries ?? this.opts.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(url, req, idempotencyKey);
      } catch (error) {
        const wait = this.retryDelay(error, attempt, maxRetries, idempotencyKey);
        if (wait === null) throw error;
        await sleep(wait, req.signal).catch(() => {
          throw new AbortedError('The request was aborted.');
        });
      }
    }
  }

  private async once<T>(url: string, req: RequestOptions, idempotencyKey: string | undefined): Promise<T> {
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs ?? 60_000;
    const { controller, dispose } = linkedController(req.signal);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${this.opts.credential}`,
        ...this.opts.headers,
      };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      let response: Response;
      try {
        response = await this.fetchImpl(url, {
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          signal: controller.signal,
        });
      } catch (cause) {
        if (timedOut) throw new TimeoutError(`${req.method} ${req.path} timed out after ${timeoutMs} ms.`, { cause });
        if (req.signal?.aborted) throw new AbortedError('The request was aborted.');
        throw new ConnectionError(`Could not reach ${this.baseUrl} (${(cause as Error).message}).`, { cause });
      }
      const text = await response.text().catch((cause) => {
        throw timedOut
          ? new TimeoutError(`${req.method} ${req.path} timed out after ${timeoutMs} ms.`, { cause })
          : new ConnectionError(`The connection dropped while reading the answer to ${req.method} ${req.path}.`, {
              cause,
            });
      });
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      if (!response.ok) throw errorFromResponse(response.status, body, response.headers);
      if (body === null)
        throw new ConnectionError(
          `${req.method} ${req.path} answered ${response.status} with a body that is not JSON.`,
        );
      return body as T;
    } finally {
      clearTimeout(timer);
      dispose();
    }
  }

  /** How long to wait before the next attempt, or null to give up. */
  private retryDelay(
    error: unknown,
    attempt: number,
    maxRetries: number,
    idempotencyKey: string | undefined,
  ): number | null {
    if (attempt >= maxRetries || !(error instanceof StreamForgeError) || error instanceof AbortedError) return null;
    let hinted: number | null = null;
    if (error instanceof ApiError) {
      if (!RETRYABLE_STATUS.has(error.status)) return null;
      // A 409 is only a "concurrent duplicate" worth waiting out when we sent an idempotency key.
      if (error.status === 409 && !idempotencyKey) return null;
      hinted = retryAfterMs(error.headers.get('retry-after'));
    } else if (!(error instanceof ConnectionError)) {
      return null;
    }
    const jitter = fullJitterDelay(attempt, {
      baseMs: this.opts.retryBaseMs ?? 500,
      capMs: this.opts.retryCapMs ?? 8_000,
    });
    return hinted === null ? jitter : Math.max(hinted, jitter);
  }

  private url(path: string, query?: object): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }
}
