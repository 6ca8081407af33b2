import type { PartPutRequest, PartPutResponse, PartTransport } from '../upload/ports';
import { PartNetworkError } from '../upload/errors';
import { startPartAttempt } from '../upload/part-attempt';

/** PUTs Blob slices with XMLHttpRequest, whose upload progress events give byte-level progress (fetch has none). */
export class XhrTransport implements PartTransport<Blob> {
  put(req: PartPutRequest<Blob>): Promise<PartPutResponse> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const attempt = startPartAttempt(req, { resolve, reject, cancel: () => xhr.abort() });
      if (!attempt) return;
      const { finish, armStall } = attempt;

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
