import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { objectKeys, randomBase62 } from '@streamforge/core';
import { accessDenied, errorDocument, escapeXml, S3Error, sendS3Error } from './s3-error';
import { MultipartLedger, parseCompletion } from './s3-multipart-ledger';
import { authenticate, type Caller, type S3Credentials } from './s3-signature';

export interface StrictLayerOptions {
  /** The lax store that keeps the bytes (s3rver), on loopback, and the agent that reaches it. */
  upstream: { host: string; port: number; agent: http.Agent };
  credentials: S3Credentials;
  /** Bodies are received here in full, counted and hashed, before the store sees a byte. */
  spoolDirectory: string;
  /** s3rver's data directory, to drop an aborted upload's parts. */
  storeDirectory: string;
  minPartSize?: number;
}

const AUTH_QUERY = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);
/** Query parameters that turn an object read into something else (ACLs, uploads, versions…). */
const SUBRESOURCES = new Set([
  'acl',
  'attributes',
  'cors',
  'delete',
  'legal-hold',
  'list-type',
  'location',
  'partNumber',
  'policy',
  'retention',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versions',
]);
const HEX_SHA256 = /^[0-9a-f]{64}$/;
/**
 * Answers up to this size (manifests, playlists) are read from the store whole before the reader gets
 * a byte; larger ones (segments, the worker's 8 MiB source reads) stream without the extra copy.
 */
const BUFFERED_ANSWER = 1024 * 1024;

interface Target {
  bucket: string;
  key: string;
  rawPath: string;
  rawQuery: string;
  query: Record<string, string | string[]>;
}

interface Body {
  file?: string;
  size: number;
}

/**
 * An S3 front for s3rver that behaves like S3 where s3rver is lax: no anonymous access except reads
 * of published outputs, SigV4 verified (header and presigned, expiry honoured), bodies held to their
 * signed length and hash, and multipart completions held to the ETags and sizes actually stored.
 * Adds ListParts and AbortMultipartUpload, which s3rver lacks. CORS preflights pass to s3rver.
 */
export async function createStrictLayer(opts: StrictLayerOptions): Promise<http.Server> {
  const ledger = new MultipartLedger(opts.minPartSize);
  const turns = new ObjectTurns();
  await restoreOpenUploads(ledger, opts.storeDirectory);

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const target = parseTarget(request.url ?? '/');
    // Preflights carry no credentials on S3 either; s3rver answers them from the bucket's CORS rules.
    if (request.method === 'OPTIONS') return forward(request, response, target, { size: 0 });

    const caller = await authenticate(
      { method: request.method!, path: target.rawPath, query: target.query, headers: request.headers },
      opts.credentials,
    );
    if (caller.kind === 'anonymous' && !isPublicRead(request.method!, target)) throw accessDenied();

    const uploadId = single(target.query.uploadId);
    const method = request.method!;
    if (method === 'POST' && 'uploads' in target.query) return createMultipart(request, response, target, caller);
    if (uploadId !== undefined) {
      ledger.expect(uploadId, target.bucket, target.key);
      if (method === 'PUT') return uploadPart(request, response, target, caller, uploadId);
      if (method === 'POST') return completeMultipart(request, response, target, caller, uploadId);
      if (method === 'DELETE') return abortMultipart(response, target, uploadId);
      if (method === 'GET') return listParts(response, target, uploadId);
    }
    const body = await receive(request, caller);
    try {
      // The body is spooled, so a slow sender never holds an object's turn.
      const release = await turns.take(objectId(target), method === 'GET' || method === 'HEAD' ? 'read' : 'write');
      await forward(request, response, target, body, release);
    } finally {
      await discard(body);
    }
  }

  async function createMultipart(request: IncomingMessage, response: ServerResponse, target: Target, caller: Caller) {
    const body = await receive(request, caller);
    try {
      const answer = await forwardBuffered(request, target, body);
      const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(answer.body.toString())?.[1];
      if (answer.status === 200 && uploadId) ledger.open(uploadId, target.bucket, target.key);
      relay(response, answer);
    } finally {
      await discard(body);
    }
  }

  async function uploadPart(
    request: IncomingMessage,
    response: ServerResponse,
    target: Target,
    caller: Caller,
    uploadId: string,
  ) {
    const partNumber = Number(single(target.query.partNumber));
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw new S3Error(400, 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive');
    }
    const body = await receive(request, caller);
    try {
      const answer = await forwardBuffered(request, target, body);
      const etag = answer.headers.etag;
      if (answer.status === 200 && typeof etag === 'string') ledger.recordPart(uploadId, partNumber, etag, body.size);
      relay(response, answer);
    } finally {
      await discard(body);
    }
  }

  async function completeMultipart(
    request: IncomingMessage,
    response: ServerResponse,
    target: Target,
    caller: Caller,
    uploadId: string,
  ) {
    const body = await receive(request, caller);
    try {
      const xml = body.file ? await readFile(body.file, 'utf8') : '';
      ledger.checkCompletion(uploadId, target.bucket, target.key, parseCompletion(xml));
      const release = await turns.take(objectId(target), 'write');
      const answer = await forwardBuffered(request, target, body).finally(release);
      if (answer.status === 200) ledger.close(uploadId);
      relay(response, answer);
    } finally {
      await discard(body);
    }
  }

  async function abortMultipart(response: ServerResponse, target: Target, uploadId: string) {
    ledger.close(uploadId);
    // s3rver would take DELETE ?uploadId for a delete of the object itself; its parts live here.
    await rm(join(opts.storeDirectory, target.bucket, '._S3rver_uploads', uploadId), { recursive: true, force: true });
    response.writeHead(204).end();
  }

  function listParts(response: ServerResponse, target: Target, uploadId: string) {
    const parts = ledger.parts(uploadId, target.bucket, target.key);
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${escapeXml(target.bucket)}</Bucket><Key>${escapeXml(target.key)}</Key><UploadId>${escapeXml(uploadId)}</UploadId>` +
      '<IsTruncated>false</IsTruncated>' +
      parts
        .map(
          (p) =>
            `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${escapeXml(p.etag)}</ETag><Size>${p.size}</Size></Part>`,
        )
        .join('') +
      '</ListPartsResult>';
    response.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
  }

  /**
   * Takes the whole body before anything reaches the store, counting and hashing it: a body cut
   * short never lands (s3rver would keep the bytes it got, even over a good part).
   */
  async function receive(request: IncomingMessage, caller: Caller): Promise<Body> {
    const declared = request.headers['content-length'];
    if (declared === undefined) {
      if (request.headers['transfer-encoding']) {
        throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
      }
      return { size: 0 };
    }
    const expected = Number(declared);
    const payloadHash = caller.kind === 'signed' ? caller.payloadHash : 'UNSIGNED-PAYLOAD';
    if (payloadHash.startsWith('STREAMING-')) {
      throw new S3Error(501, 'NotImplemented', 'aws-chunked (streaming) payloads are not supported by this store');
    }
    if (expected === 0) return { size: 0 };
    const file = join(opts.spoolDirectory, randomBase62(16));
    const hash = HEX_SHA256.test(payloadHash) ? createHash('sha256') : undefined;
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        hash?.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(request, counter, createWriteStream(file));
    } catch {
      await rm(file, { force: true });
      throw incompleteBody();
    }
    const body = { file, size };
    if (size !== expected) {
      await discard(body);
      throw incompleteBody();
    }
    if (hash && hash.digest('hex') !== payloadHash) {
      await discard(body);
      throw new S3Error(
        400,
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
    return body;
  }

  function upstreamRequest(request: IncomingMessage, target: Target, body: Body) {
    const headers = { ...request.headers };
    delete headers.authorization;
    delete headers['transfer-encoding'];
    if (request.method !== 'OPTIONS') headers['content-length'] = String(body.size);
    const query = target.rawQuery
      .split('&')
      .filter((pair) => pair && !AUTH_QUERY.has(decodeURIComponent(pair.split('=')[0]).toLowerCase()))
      .join('&');
    return http.request({
      host: opts.upstream.host,
      port: opts.upstream.port,
      agent: opts.upstream.agent,
      method: request.method,
      path: target.rawPath + (query ? `?${query}` : ''),
      headers,
    });
  }

  function send(upstream: http.ClientRequest, body: Body) {
    if (body.file) void pipeline(createReadStream(body.file), upstream).catch(() => undefined);
    else upstream.end();
  }

  /**
   * Sends the request to the store and waits for the head of its answer. A pooled connection the
   * store closed just as it was reused (its keep-alive timeout) fails before any answer; the request
   * then goes again on a fresh one, as S3 clients do — every body is spooled, so any request can be
   * sent twice. `client`'s response closing (the caller went away) abandons the request.
   */
  async function exchange(request: IncomingMessage, target: Target, body: Body, client?: ServerResponse) {
    for (let attempt = 1; ; attempt++) {
      const upstream = upstreamRequest(request, target, body);
      const abandon = () => upstream.destroy();
      client?.once('close', abandon);
      try {
        return await new Promise<IncomingMessage>((resolve, reject) => {
          upstream.on('error', reject); // once answered, a failure shows on the answer itself
          upstream.once('response', resolve);
          send(upstream, body);
        });
      } catch (error) {
        client?.off('close', abandon);
        if (!upstream.reusedSocket || attempt === 3 || client?.destroyed) throw error;
      }
    }
  }

  /**
   * Passes the store's answer back, then gives up the object's turn (`release`). An answer up to
   * `BUFFERED_ANSWER` bytes is read whole first, so the turn never waits on a slow reader; a larger
   * one streams (object reads may be large) and keeps the turn until the store has sent it all.
   */
  async function forward(
    request: IncomingMessage,
    response: ServerResponse,
    target: Target,
    body: Body,
    release: () => void = () => {},
  ) {
    let answer: IncomingMessage;
    try {
      answer = await exchange(request, target, body, response);
    } catch (error) {
      release();
      throw error;
    }
    answer.once('close', release);
    if (!(Number(answer.headers['content-length']) <= BUFFERED_ANSWER)) {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      // A reader that leaves, or a store that breaks off, ends the stream: the reader is cut short.
      return pipeline(answer, response).catch(() => undefined);
    }
    const whole = await readWhole(answer);
    response.writeHead(answer.statusCode ?? 502, answer.headers).end(whole);
  }

  async function forwardBuffered(request: IncomingMessage, target: Target, body: Body) {
    const answer = await exchange(request, target, body);
    return { status: answer.statusCode ?? 502, headers: answer.headers, body: await readWhole(answer) };
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // An answer already begun (the store broke off a read it was streaming) can only be cut short,
      // as S3 does: the reader sees a body shorter than its Content-Length, never a status.
      if (response.headersSent) return void response.destroy();
      const refusal =
        error instanceof S3Error ? error : new S3Error(500, 'InternalError', 'We encountered an internal error.');
      // The bucket lets any origin read and PUT: a browser must be able to read the refusal too.
      if (request.headers.origin) {
        response.setHeader('access-control-allow-origin', '*');
        response.setHeader('access-control-expose-headers', 'ETag');
      }
      // Like S3, read what the client is still sending before refusing, so it sees the answer.
      if (request.complete || request.destroyed) return sendS3Error(response, refusal, request.method);
      request.on('end', () => sendS3Error(response, refusal, request.method));
      request.on('error', () => response.destroy());
      request.resume();
    });
  });
  // A client that stops sending before Content-Length bytes (a half-close) fails in the HTTP parser.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const refusal =
      error.code === 'HPE_INVALID_EOF_STATE'
        ? incompleteBody()
        : new S3Error(400, 'BadRequest', 'The request could not be parsed.');
    const xml = errorDocument(refusal);
    socket.end(
      `HTTP/1.1 ${refusal.status} Bad Request\r\nConnection: close\r\nContent-Type: application/xml\r\n` +
        `Content-Length: ${Buffer.byteLength(xml)}\r\n\r\n${xml}`,
    );
  });
  return server;
}

/**
 * Uploads left open by an earlier run over the same data (`npm run dev` restarted mid-upload), read
 * back from s3rver's layout: `<bucket>/._S3rver_uploads/<id>/key` and a file plus `.md5` per part.
 */
async function restoreOpenUploads(ledger: MultipartLedger, storeDirectory: string) {
  for (const bucket of await readdir(storeDirectory).catch(() => [])) {
    const uploads = join(storeDirectory, bucket, '._S3rver_uploads');
    for (const uploadId of await readdir(uploads).catch(() => [])) {
      const key = await readFile(join(uploads, uploadId, 'key'), 'utf8').catch(() => undefined);
      if (key === undefined) continue;
      ledger.open(uploadId, bucket, key);
      for (const name of await readdir(join(uploads, uploadId))) {
        if (!/^\d+$/.test(name)) continue;
        const md5 = await readFile(join(uploads, uploadId, `${name}.md5`), 'utf8').catch(() => undefined);
        if (md5) ledger.recordPart(uploadId, Number(name), md5, (await stat(join(uploads, uploadId, name))).size);
      }
    }
  }
}

/**
 * Turns on each object: s3rver rewrites an object's file in place, S3 replaces objects atomically.
 * Reads of one object share their turn; a write (PUT, DELETE, completion) has the object to itself.
 * Turns are given in arrival order, so a stream of reads cannot starve a write.
 */
class ObjectTurns {
  private readonly objects = new Map<string, { readers: number; writing: boolean; queue: Waiter[] }>();

  take(id: string, kind: 'read' | 'write'): Promise<() => void> {
    let state = this.objects.get(id);
    if (!state) this.objects.set(id, (state = { readers: 0, writing: false, queue: [] }));
    const current = state;
    return new Promise((resolve) => {
      current.queue.push({ kind, start: () => resolve(once(() => this.done(id, kind))) });
      this.advance(id, current);
    });
  }

  private done(id: string, kind: 'read' | 'write') {
    const state = this.objects.get(id)!;
    if (kind === 'read') state.readers--;
    else state.writing = false;
    this.advance(id, state);
  }

  private advance(id: string, state: { readers: number; writing: boolean; queue: Waiter[] }) {
    while (state.queue.length && !state.writing) {
      const next = state.queue[0];
      if (next.kind === 'write' && state.readers > 0) break;
      state.queue.shift();
      if (next.kind === 'read') state.readers++;
      else state.writing = true;
      next.start();
    }
    if (!state.writing && state.readers === 0 && !state.queue.length) this.objects.delete(id);
  }
}

interface Waiter {
  kind: 'read' | 'write';
  start(): void;
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}

function objectId(target: Target): string {
  return `${target.bucket}/${target.key}`;
}

/** The whole body of an answer; one the store broke off is an error, never a short body. */
function readWhole(answer: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('error', () => undefined); // seen on close as an incomplete answer
    answer.on('close', () =>
      answer.complete ? resolve(Buffer.concat(chunks)) : reject(new Error('the store broke off its answer')),
    );
  });
}

function relay(response: ServerResponse, answer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }) {
  const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
  delete headers['transfer-encoding'];
  response.writeHead(answer.status, headers).end(answer.body);
}

function isPublicRead(method: string, target: Target): boolean {
  return (
    (method === 'GET' || method === 'HEAD') &&
    objectKeys.isPublishedOutput(target.key) &&
    !Object.keys(target.query).some((k) => SUBRESOURCES.has(k))
  );
}

function parseTarget(url: string): Target {
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  let segments: string[];
  try {
    segments = rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  return { bucket: segments[0] ?? '', key: segments.slice(1).join('/'), rawPath, rawQuery, query };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const incompleteBody = () =>
  new S3Error(
    400,
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header.',
  );

async function discard(body: Body) {
  if (body.file) await rm(body.file, { force: true });
}
