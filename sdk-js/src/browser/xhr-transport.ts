import type { PartPutRequest, PartPutResponse, PartTransport } from '../upload/ports';
import { PartNetworkError, StallError } from '../upload/errors';

/** PUTs Blob slices with XMLHttpRequest, whose upload progress events give byte-level progress (fetch has none). */
export class XhrTransport implements PartTransport<Blob> {
  put(req: PartPutRequest<Blob>): Promise<PartPutResponse> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      let settled = false;
      let stallTimer: ReturnType<typeof setTimeout> | undefined;
      const finish = (error: Error | null, response?: PartPutResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(stallTimer);
        req.signal.removeEventListener('abort', onAbort);
        if (error) {
          xhr.abort();
          reject(error);
        } else resolve(response!);
      };
      const armStall = () => {
        clearTimeout(stallTimer);
        stallTimer = setTimeout(
          () => finish(new StallError(`No bytes moved for ${req.stallTimeoutMs} ms; abandoning this attempt.`)),
          req.stallTimeoutMs,
        );
      };
      const onAbort = () => finish(req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted'));
      if (req.signal.aborted) return onAbort();
      req.signal.addEventListener('abort', onAbort, { once: true });

      xhr.open('PUT', req.url);
      if (req.contentType) xhr.setRequestHeader('content-type', req.contentType);
      xhr.upload.onprogress = (event) => {
        req.onBytes(event.loaded);
        armStall();
      };
      xhr.onprogress = armStall;
      xhr.onerror = () => finish(new PartNetworkError('The connection to storage failed (network error or CORS).'));
      xhr.onload = () =>
        finish(null, {
          status: xhr.status,
          // Readable only when the bucket's CORS exposes ETag; the uploader says so when it is not.
          etag: xhr.getResponseHeader('etag'),
          retryAfter: xhr.getResponseHeader('retry-after'),
          body: typeof xhr.responseText === 'string' ? xhr.responseText.slice(0, 64 * 1024) : '',
        });
      armStall();
      xhr.send(req.body);
    });
  }
}
