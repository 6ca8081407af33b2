import http from 'node:http';
import https from 'node:https';
import type { PartPutRequest, PartPutResponse, PartTransport } from '../upload/ports';
import { PartNetworkError } from '../upload/errors';
import { startPartAttempt } from '../upload/part-attempt';
import type { NodeBody } from './file-source';

const MAX_BODY = 64 * 1024;

/**
 * PUTs ranged file streams with node:http, over keep-alive sockets sized to the concurrency.
 * Counts bytes as the socket takes them and abandons an attempt when none move for the stall timeout.
 */
export class NodeHttpTransport implements PartTransport<NodeBody> {
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(concurrency: number) {
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: concurrency }),
      https: new https.Agent({ keepAlive: true, maxSockets: concurrency }),
    };
  }

  put(req: PartPutRequest<NodeBody>): Promise<PartPutResponse> {
    return new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const secure = url.protocol === 'https:';
      const headers: Record<string, string | number> = { 'content-length': req.size };
      if (req.contentType) headers['content-type'] = req.contentType;
      const request = (secure ? https : http).request(url, {
        method: 'PUT',
        headers,
        agent: secure ? this.agents.https : this.agents.http,
      });
      const body = req.body();
      const attempt = startPartAttempt(req, {
        resolve,
        reject,
        cancel: () => {
          body.destroy();
          request.destroy();
        },
      });
      if (!attempt) return;
      const { finish, armStall } = attempt;

      let sent = 0;
      body.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        req.onBytes(sent);
        armStall();
      });
      body.on('error', (error) =>
        finish(new PartNetworkError(`Could not read the file: ${error.message}`, { cause: error })),
      );
      request.on('error', (error) =>
        finish(new PartNetworkError(`The connection to storage failed: ${error.message}`, { cause: error })),
      );
      request.on('response', (response) => {
        armStall();
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          armStall();
          if (length < MAX_BODY) chunks.push(chunk);
          length += chunk.length;
        });
        response.on('error', (error) =>
          finish(new PartNetworkError(`The answer from storage was cut off: ${error.message}`, { cause: error })),
        );
        response.on('end', () =>
          finish(null, {
            status: response.statusCode ?? 0,
            etag: headerValue(response.headers.etag),
            retryAfter: headerValue(response.headers['retry-after']),
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
          }),
        );
      });
      armStall();
      body.pipe(request);
    });
  }

  close() {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value[0] : value;
}
