import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  type HostResolver,
  parseWebhookUrl,
  resolveTarget,
  type TargetRules,
  WebhookTargetError,
} from '@streamforge/core';
import { parseRetryAfter } from './retry-schedule';

export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  /** The receiver's status, or null when no response arrived. */
  statusCode: number | null;
  durationMs: number;
  /** Why the attempt failed before or while reading the answer (null when it was read). */
  error: string | null;
  /** At most 64 KiB of the response body. */
  body: string;
  retryAfterMs: number | null;
}

export interface SendOptions {
  rules: TargetRules;
  resolve: HostResolver;
  /** Total time: resolution, connect, headers and body. */
  timeoutMs: number;
}

/**
 * POSTs one signed delivery. The host is resolved and every address checked first, and the socket
 * connects to a checked address (the agent's `lookup` answers with them and never asks DNS again),
 * so a name that rebinds to an internal address between check and connect cannot be reached.
 * Redirects are not followed; only the first 64 KiB of the answer is read.
 */
export class WebhookSender {
  constructor(private readonly opts: SendOptions) {}

  async send(rawUrl: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(), this.opts.timeoutMs);
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const url = parseWebhookUrl(rawUrl, this.opts.rules);
      const addresses = await withSignal(resolveTarget(url, this.opts.rules, this.opts.resolve), abort.signal);
      const response = await this.post(url, addresses, headers, body, abort.signal);
      return { ...response, durationMs: elapsed() };
    } catch (error) {
      return {
        statusCode: null,
        durationMs: elapsed(),
        error: abort.signal.aborted ? `timed out after ${this.opts.timeoutMs} ms` : describe(error),
        body: '',
        retryAfterMs: null,
      };
    } finally {
      clearTimeout(deadline);
    }
  }

  private post(
    url: URL,
    addresses: string[],
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<Omit<SendResult, 'durationMs'>> {
    const pinned: LookupFunction = (_host, options, callback) => {
      const all = addresses.map((address) => ({ address, family: isIP(address) }));
      if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof all) => void)(null, all);
      else callback(null, all[0].address, all[0].family);
    };
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: 'POST',
          lookup: pinned,
          agent: false,
          signal,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'StreamForge-Webhooks/1.0',
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          const finish = (error: string | null) => {
            const status = response.statusCode ?? null;
            const redirect = status !== null && status >= 300 && status < 400 ? 'redirect not followed' : null;
            resolve({
              statusCode: status,
              error: error ?? redirect,
              body: Buffer.concat(chunks).toString('utf8'),
              retryAfterMs: parseRetryAfter(response.headers['retry-after'] as string | undefined),
            });
          };
          response.on('data', (chunk: Buffer) => {
            const room = MAX_RESPONSE_BYTES - kept;
            if (room > 0) chunks.push(chunk.subarray(0, room));
            kept += Math.min(room, chunk.length);
            // Enough read: stop the receiver from sending more (a 10 MB answer costs us 64 KiB).
            if (kept >= MAX_RESPONSE_BYTES) {
              response.destroy();
              finish(null);
            }
          });
          response.on('end', () => finish(null));
          response.on('error', (error) => {
            if (kept >= MAX_RESPONSE_BYTES) return;
            if (signal.aborted) reject(error);
            else finish(describe(error));
          });
          response.on('aborted', () => undefined);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    work.then(resolve, reject);
  });
}

/** A short reason for the delivery log; never the URL (it may carry a customer's token). */
function describe(error: unknown): string {
  if (error instanceof WebhookTargetError) return error.message;
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
    CERT_HAS_EXPIRED: 'TLS certificate expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
    ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  };
  return (e.code && reasons[e.code]) ?? e.code ?? e.message ?? 'request failed';
}
