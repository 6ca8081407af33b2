import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { loadConfig, ObjectStorage, objectKeys } from '@streamforge/core';
import { LOCAL_S3_CREDENTIALS, type LocalS3, startLocalS3 } from '../../scripts/local-s3';
import { createStrictLayer } from '../../scripts/s3-strict-layer';

const MiB = 1024 * 1024;
const BUCKET = 'strict-test';
const SOURCE = objectKeys.source('acct_a', 'vid_a');
const OUTPUT = `${objectKeys.outputPrefix('acct_a', 'vid_a', 1)}/manifest.json`;

let s3: LocalS3;
let dataDir: string;
let storage: ObjectStorage;

/** An SDK client as the api and worker build theirs; `credentials` lets a test sign with the wrong ones. */
function sdkClient(credentials = LOCAL_S3_CREDENTIALS) {
  return new S3Client(sdkConfig(credentials));
}

function sdkConfig(credentials = LOCAL_S3_CREDENTIALS): S3ClientConfig {
  return {
    region: 'us-east-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** The S3 error code of a refused SDK call (or of a fetch answer's XML body). */
async function refusal(call: Promise<unknown>): Promise<{ status?: number; code: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof S3ServiceException) return { status: error.$metadata.httpStatusCode, code: error.name };
    throw error;
  }
  throw new Error('the store accepted it');
}

async function xmlError(response: Response) {
  const text = await response.text();
  return {
    status: response.status,
    code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1],
    message: /<Message>([^<]+)</.exec(text)?.[1],
  };
}

const url = (key: string) => `${s3.endpoint}/${BUCKET}/${key}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const flipLast = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

function withSignature(presigned: string, change: (signature: string) => string) {
  const u = new URL(presigned);
  u.searchParams.set('X-Amz-Signature', change(u.searchParams.get('X-Amz-Signature')!));
  return u.toString();
}

/** The store's own client, signing with the store's credentials. */
function storageAt(endpoint: string): ObjectStorage {
  return new ObjectStorage(
    loadConfig({
      NODE_ENV: 'test',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
    }).s3,
  );
}

/** Completes one multipart upload with the parts listed, through the AWS SDK. */
function completer(client: S3Client, key: string, uploadId: string) {
  return (list: { PartNumber: number; ETag: string }[]) =>
    client.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: list },
      }),
    );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'sf-s3-strict-'));
  s3 = await startLocalS3({ directory: dataDir, bucket: BUCKET });
  storage = storageAt(s3.endpoint);
  await storage.putBuffer(SOURCE, Buffer.from('private source bytes'), 'video/mp4');
  await storage.putBuffer(OUTPUT, Buffer.from('{"published":true}'), 'application/json');
});

afterAll(async () => {
  storage?.destroy();
  await s3?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('signed requests work', () => {
  it('header-signed writes, reads and lists through the SDK', async () => {
    expect((await storage.getBuffer(SOURCE))?.toString()).toBe('private source bytes');
    expect(await storage.listKeys('acct_a/')).toEqual(expect.arrayContaining([SOURCE, OUTPUT]));
  });

  it('a presigned PUT with the signed length and type stores the object; a presigned GET reads it', async () => {
    const key = objectKeys.source('acct_a', 'vid_presigned');
    const body = Buffer.from('exactly these bytes');
    const put = await storage.presignPut(key, { contentLength: body.length, contentType: 'video/mp4', expiresIn: 60 });
    const answer = await fetch(put, { method: 'PUT', body, headers: { 'content-type': 'video/mp4' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeTruthy();
    const client = sdkClient();
    const get = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    client.destroy();
    const read = await fetch(get);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(body);
  });
});

describe('anonymous access', () => {
  it('listing the bucket, reading a source, writing and deleting are refused with AccessDenied', async () => {
    expect(await xmlError(await fetch(`${s3.endpoint}/${BUCKET}`))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await xmlError(await fetch(`${s3.endpoint}/${BUCKET}?list-type=2`))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await xmlError(await fetch(`${s3.endpoint}/`))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await xmlError(await fetch(url(SOURCE)))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await fetch(url(SOURCE), { method: 'HEAD' })).status).toBe(403);
    const put = await fetch(url(`${objectKeys.outputPrefix('acct_a', 'vid_a', 1)}/planted.m4s`), {
      method: 'PUT',
      body: 'planted',
    });
    expect(await xmlError(put)).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect(await xmlError(await fetch(url(OUTPUT), { method: 'DELETE' }))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
    });
    expect(await storage.listKeys('acct_a/vid_a/')).toEqual([SOURCE, OUTPUT].sort());
  });

  it('published outputs are readable by anyone (GET and HEAD), and CORS preflights are answered', async () => {
    const get = await fetch(url(OUTPUT), { headers: { origin: 'https://player.example.com' } });
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('{"published":true}');
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    const head = await fetch(url(OUTPUT), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('{"published":true}'.length));
    const preflight = await fetch(url(SOURCE), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});

/**
 * The strict layer in front of `store` (a stand-in for s3rver that misbehaves on purpose), on
 * loopback; `close` takes both down.
 */
async function layerOver(store: http.Server, agent = new http.Agent({ keepAlive: true })) {
  await new Promise<void>((resolve) => store.listen(0, '127.0.0.1', resolve));
  const spool = await mkdtemp(join(tmpdir(), 'sf-s3-spool-'));
  const layer = await createStrictLayer({
    upstream: { host: '127.0.0.1', port: (store.address() as AddressInfo).port, agent },
    credentials: LOCAL_S3_CREDENTIALS,
    spoolDirectory: spool,
    storeDirectory: dataDir,
  });
  await new Promise<void>((resolve) => layer.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(layer.address() as AddressInfo).port}`,
    async close() {
      layer.closeAllConnections();
      store.closeAllConnections();
      agent.destroy();
      await new Promise((resolve) => layer.close(resolve));
      await new Promise((resolve) => store.close(resolve));
      await rm(spool, { recursive: true, force: true });
    },
  };
}

describe('readers and stores that go away', () => {
  it('a reader that hangs up mid-object, before or after the answer began, leaves the store serving', async () => {
    // A player aborts segment fetches when it seeks or tears down; the store must shrug that off.
    const key = `${objectKeys.outputPrefix('acct_a', 'vid_a', 1)}/large.m4s`;
    const bytes = Buffer.alloc(24 * MiB, 7);
    await storage.putBuffer(key, bytes, 'video/mp4');
    const target = new URL(url(key));
    for (let i = 0; i < 20; i++) {
      const socket = connect(Number(target.port), target.hostname);
      const closed = new Promise((resolve) => socket.once('close', resolve));
      // Half the readers hang up as soon as the request is out, half once the body has started.
      socket.once('data', () => socket.destroy());
      socket.write(
        `GET ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nOrigin: https://player.example.com\r\n\r\n`,
      );
      if (i % 2 === 0) socket.destroy();
      await closed;
    }
    const after = await fetch(url(key), { headers: { origin: 'https://player.example.com' } });
    expect(after.status).toBe(200);
    expect(sha256(Buffer.from(await after.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('a store that breaks off an answer: a streamed one cuts the reader off, a small one is InternalError; the layer serves on', async () => {
    // s3rver cuts a read short when the object is rewritten under it (a growing manifest); the
    // reader must see a broken body, not a complete-looking one, and nothing may throw.
    let answering: http.ServerResponse | undefined;
    const broken = http.createServer((request, response) => {
      if (request.url!.endsWith('/whole.json')) return void response.writeHead(200, { 'content-length': 2 }).end('{}');
      if (request.url!.endsWith('/small.json')) {
        // Small answers are read whole before the reader sees anything: this one becomes a refusal.
        response.writeHead(200, { 'content-length': 1000, 'content-type': 'application/json' });
        return void response.write('{"partial":', () => response.socket?.resetAndDestroy());
      }
      response.writeHead(200, { 'content-length': 64 * MiB, 'content-type': 'video/mp4' });
      response.write(Buffer.alloc(64 * 1024));
      answering = response;
    });
    const layer = await layerOver(broken);
    const base = `${layer.endpoint}/${BUCKET}/${objectKeys.outputPrefix('acct_a', 'vid_b', 1)}`;
    try {
      for (let i = 0; i < 5; i++) {
        const cut = await fetch(`${base}/large.m4s`, { headers: { origin: 'https://player.example.com' } });
        expect(cut.status).toBe(200);
        // The answer has begun reaching the reader: now the store's connection is reset.
        answering!.socket!.resetAndDestroy();
        await expect(cut.arrayBuffer()).rejects.toThrow();
        const refused = await fetch(`${base}/small.json`, { headers: { origin: 'https://player.example.com' } });
        expect(await xmlError(refused)).toMatchObject({ status: 500, code: 'InternalError' });
        expect(refused.headers.get('access-control-allow-origin')).toBe('*');
      }
      const whole = await fetch(`${base}/whole.json`);
      expect(await whole.text()).toBe('{}');
    } finally {
      await layer.close();
    }
  });
});

describe('a store connection closed as it is reused', () => {
  it('is retried on a fresh connection, for reads and for writes with a body', async () => {
    // s3rver closes an idle keep-alive connection after 5 s; the layer may pick it from its pool just
    // then. Here the store closes every connection at its second request, so each reuse fails.
    const requests: string[] = [];
    const closing = http.createServer((request, response) => {
      const socket = request.socket as typeof request.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      if (socket.served > 1) return void socket.destroy();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push(`${request.method} ${Buffer.concat(chunks).length}`);
        response.writeHead(200, { 'content-length': 2, etag: '"e"' }).end('{}');
      });
    });
    const layer = await layerOver(closing, new http.Agent({ keepAlive: true, maxSockets: 1 }));
    const endpoint = layer.endpoint;
    const key = `${objectKeys.outputPrefix('acct_a', 'vid_c', 1)}/manifest.json`;
    try {
      for (let i = 0; i < 3; i++) {
        const read = await fetch(`${endpoint}/${BUCKET}/${key}`);
        expect(read.status).toBe(200);
        expect(await read.text()).toBe('{}');
        await storageAt(endpoint).putBuffer(key, Buffer.alloc(1000, i), 'application/json');
      }
      expect(requests).toEqual(['GET 0', 'PUT 1000', 'GET 0', 'PUT 1000', 'GET 0', 'PUT 1000']);
    } finally {
      await layer.close();
    }
  });
});

describe('replacing an object', () => {
  it('a read right after the write was answered gets exactly what was written', async () => {
    // s3rver answered a PUT (and a multipart completion) before its file was written out.
    const key = `${objectKeys.outputPrefix('acct_a', 'vid_a', 1)}/read-after-write.m4s`;
    for (let i = 0; i < 30; i++) {
      const bytes = Buffer.alloc((i % 2 ? 3 : 7) * MiB, i);
      await storage.putBuffer(key, bytes, 'video/mp4');
      const answer = await fetch(url(key));
      expect(answer.status).toBe(200);
      expect(sha256(Buffer.from(await answer.arrayBuffer()))).toBe(sha256(bytes));
    }
  });

  it('is atomic, as on S3: a read racing rewrites gets one whole version, never a torn or cut one', async () => {
    // s3rver rewrites an object's file in place; a growing manifest is rewritten while players read it.
    const key = `${objectKeys.outputPrefix('acct_a', 'vid_a', 1)}/rewritten.json`;
    const versions = [Buffer.alloc(3 * MiB, 'a'), Buffer.alloc(2 * MiB, 'b')];
    const whole = new Set(versions.map(sha256));
    await storage.putBuffer(key, versions[0], 'application/json');
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 12; i++) await storage.putBuffer(key, versions[i % 2], 'application/json');
      writing = false;
    })();
    const seen: string[] = [];
    const reader = async () => {
      while (writing) {
        const answer = await fetch(url(key));
        const body = Buffer.from(await answer.arrayBuffer());
        expect(answer.status).toBe(200);
        expect(body.length).toBe(Number(answer.headers.get('content-length')));
        seen.push(whole.has(sha256(body)) ? 'whole' : `torn (${body.length} bytes)`);
      }
    };
    await Promise.all([writer, reader(), reader()]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((s) => s !== 'whole')).toEqual([]);
  });
});

describe('deleting a folder of objects', () => {
  it('one DeleteObjects of many keys sharing folders removes every key, as a worker clears an old version', async () => {
    // s3rver deleted a request's keys all at once, each then removing empty folders after reading
    // them: keys of one folder raced and the request failed with InternalError.
    const once = new S3Client({ ...sdkConfig(), maxAttempts: 1 });
    for (let round = 0; round < 5; round++) {
      const prefix = `${objectKeys.outputPrefix('acct_a', `vid_del${round}`, 1)}/`;
      const keys = ['audio', 'r360', 'r720'].flatMap((track) =>
        ['init.mp4', ...Array.from({ length: 12 }, (_, i) => `seg_${i}.m4s`)].map(
          (name) => `${prefix}${track}/${name}`,
        ),
      );
      await Promise.all(keys.map((key) => storage.putBuffer(key, Buffer.from(key), 'video/mp4')));
      // One attempt: the SDK's retries would hide a refused request.
      const answer = await once.send(
        new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
      expect(answer.Errors ?? []).toEqual([]);
      expect(await storage.listKeys(prefix)).toEqual([]);
    }
  });

  it('a write into a folder whose last object is being deleted is stored', async () => {
    const folder = `${objectKeys.outputPrefix('acct_a', 'vid_refill', 1)}/r360`;
    for (let i = 0; i < 20; i++) {
      await storage.putBuffer(`${folder}/old.m4s`, Buffer.from('old'), 'video/mp4');
      await Promise.all([
        storage.deletePrefix(`${folder}/old`),
        storage.putBuffer(`${folder}/new_${i}.m4s`, Buffer.from(`new ${i}`), 'video/mp4'),
      ]);
      const answer = await fetch(url(`${folder}/new_${i}.m4s`));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(`new ${i}`);
    }
  });
});

describe('signatures', () => {
  it('an altered presigned signature, or an altered signed parameter, is SignatureDoesNotMatch', async () => {
    const body = Buffer.from('twelve bytes');
    const put = await storage.presignPut(SOURCE, {
      contentLength: body.length,
      contentType: 'video/mp4',
      expiresIn: 60,
    });
    const altered = await fetch(withSignature(put, flipLast), {
      method: 'PUT',
      body,
      headers: { 'content-type': 'video/mp4' },
    });
    expect(await xmlError(altered)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const longer = new URL(put);
    longer.searchParams.set('X-Amz-Expires', '604800');
    const stretched = await fetch(longer, { method: 'PUT', body, headers: { 'content-type': 'video/mp4' } });
    expect(await xmlError(stretched)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect((await storage.getBuffer(SOURCE))?.toString()).toBe('private source bytes');
  });

  it('an expired presigned URL is AccessDenied: Request has expired', async () => {
    const client = sdkClient();
    const expired = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: SOURCE }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 3600_000),
    });
    client.destroy();
    expect(await xmlError(await fetch(expired))).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    });
  });

  it('an altered Authorization header signature, a wrong secret and an unknown key are refused', async () => {
    const tampered = sdkClient();
    tampered.middlewareStack.addRelativeTo(
      (next: any) => (args: any) => {
        const headers = args.request.headers as Record<string, string>;
        headers.authorization = headers.authorization.replace(
          /Signature=([0-9a-f]+)$/,
          (_, s) => `Signature=${flipLast(s)}`,
        );
        return next(args);
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamperSignature' },
    );
    expect(await refusal(tampered.send(new GetObjectCommand({ Bucket: BUCKET, Key: SOURCE })))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    tampered.destroy();

    const wrongSecret = sdkClient({ accessKeyId: LOCAL_S3_CREDENTIALS.accessKeyId, secretAccessKey: 'not-the-secret' });
    expect(await refusal(wrongSecret.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toEqual({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    wrongSecret.destroy();
    const unknown = sdkClient({ accessKeyId: 'SOMEONE', secretAccessKey: LOCAL_S3_CREDENTIALS.secretAccessKey });
    expect(await refusal(unknown.send(new ListObjectsV2Command({ Bucket: BUCKET })))).toEqual({
      status: 403,
      code: 'InvalidAccessKeyId',
    });
    unknown.destroy();
  });

  it('a body that is not the one whose SHA-256 was signed is XAmzContentSHA256Mismatch', async () => {
    const swapped = sdkClient();
    swapped.middlewareStack.addRelativeTo(
      (next: any) => (args: any) => {
        args.request.body = Buffer.from('other bytes, same length!');
        return next(args);
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'swapBody' },
    );
    const key = objectKeys.source('acct_a', 'vid_swapped');
    const sent = swapped.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('signed bytes, this length') }),
    );
    expect(await refusal(sent)).toEqual({ status: 400, code: 'XAmzContentSHA256Mismatch' });
    swapped.destroy();
    expect(await storage.head(key)).toBeNull();
  });
});

describe('signed Content-Length and Content-Type', () => {
  it('a body shorter or longer than the signed length, or of another type, is refused and nothing is stored', async () => {
    const key = objectKeys.source('acct_a', 'vid_length');
    const body = Buffer.alloc(1000, 7);
    const put = await storage.presignPut(key, { contentLength: body.length, contentType: 'video/mp4', expiresIn: 60 });
    for (const [sent, type] of [
      [body.subarray(1), 'video/mp4'],
      [Buffer.concat([body, Buffer.from('x')]), 'video/mp4'],
      [body, 'text/html'],
    ] as const) {
      const answer = await fetch(put, { method: 'PUT', body: sent, headers: { 'content-type': type } });
      expect({ length: sent.length, type, ...(await xmlError(answer)) }).toMatchObject({
        length: sent.length,
        type,
        status: 403,
        code: 'SignatureDoesNotMatch',
      });
    }
    expect(await storage.head(key)).toBeNull();
  });

  it('a part re-sent with the signed length but cut short never replaces the part already stored', async () => {
    const key = objectKeys.source('acct_a', 'vid_cut');
    const uploadId = await storage.createMultipart(key, 'video/mp4');
    const first = Buffer.alloc(5 * MiB, 1);
    const last = Buffer.from('the end');
    const etags: string[] = [];
    for (const [n, part] of [first, last].entries()) {
      const signed = await storage.presignPart(key, uploadId, n + 1, part.length, 60);
      const answer = await fetch(signed, { method: 'PUT', body: part });
      expect(answer.status).toBe(200);
      etags.push(answer.headers.get('etag')!);
    }

    // The same signed URL and headers, half the bytes, then the client stops sending.
    const signed = new URL(await storage.presignPart(key, uploadId, 1, first.length, 60));
    const socket = connect(Number(signed.port), signed.hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `PUT ${signed.pathname}${signed.search} HTTP/1.1\r\nHost: ${signed.host}\r\nContent-Length: ${first.length}\r\n\r\n`,
    );
    socket.end(Buffer.alloc(first.length / 2, 9));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('<Code>IncompleteBody</Code>');

    await storage.completeMultipart(key, uploadId, [
      { partNumber: 1, etag: etags[0] },
      { partNumber: 2, etag: etags[1] },
    ]);
    const stored = await storage.getBuffer(key);
    expect(sha256(stored!)).toBe(sha256(Buffer.concat([first, last])));
  });
});

describe('multipart completion', () => {
  async function upload(key: string, parts: Buffer[]) {
    const client = sdkClient();
    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
    const uploadId = created.UploadId!;
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const out = await client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: i + 1, Body: part }),
      );
      etags.push(out.ETag!);
    }
    const complete = completer(client, key, uploadId);
    return { client, uploadId, etags, complete };
  }

  it('a completion naming a made-up ETag, or a part never uploaded, is InvalidPart; the real ETags complete', async () => {
    const key = objectKeys.source('acct_a', 'vid_etag');
    const parts = [Buffer.alloc(5 * MiB, 3), Buffer.from('tail')];
    const { client, etags, complete } = await upload(key, parts);
    const madeUp = '"0123456789abcdef0123456789abcdef"';
    expect(
      await refusal(
        complete([
          { PartNumber: 1, ETag: etags[0] },
          { PartNumber: 2, ETag: madeUp },
        ]),
      ),
    ).toEqual({
      status: 400,
      code: 'InvalidPart',
    });
    expect(
      await refusal(
        complete([
          { PartNumber: 1, ETag: etags[0] },
          { PartNumber: 3, ETag: etags[1] },
        ]),
      ),
    ).toEqual({ status: 400, code: 'InvalidPart' });
    expect(await storage.head(key)).toBeNull();
    await complete([
      { PartNumber: 1, ETag: etags[0] },
      { PartNumber: 2, ETag: etags[1] },
    ]);
    expect(sha256((await storage.getBuffer(key))!)).toBe(sha256(Buffer.concat(parts)));
    client.destroy();
  });

  it('a non-last part smaller than 5 MiB, or non-last parts of different sizes, are refused at completion', async () => {
    const small = await upload(objectKeys.source('acct_a', 'vid_small'), [
      Buffer.alloc(5 * MiB - 1, 4),
      Buffer.from('z'),
    ]);
    expect(
      await refusal(
        small.complete([
          { PartNumber: 1, ETag: small.etags[0] },
          { PartNumber: 2, ETag: small.etags[1] },
        ]),
      ),
    ).toEqual({ status: 400, code: 'EntityTooSmall' });
    small.client.destroy();

    const uneven = await upload(objectKeys.source('acct_a', 'vid_uneven'), [
      Buffer.alloc(6 * MiB, 5),
      Buffer.alloc(5 * MiB, 6),
      Buffer.from('z'),
    ]);
    expect(await refusal(uneven.complete(uneven.etags.map((ETag, i) => ({ PartNumber: i + 1, ETag }))))).toEqual({
      status: 400,
      code: 'InvalidPart',
    });
    uneven.client.destroy();
    expect(await storage.head(objectKeys.source('acct_a', 'vid_small'))).toBeNull();
    expect(await storage.head(objectKeys.source('acct_a', 'vid_uneven'))).toBeNull();
  });

  it('ListParts lists what was stored; after AbortMultipartUpload the upload is gone', async () => {
    const key = objectKeys.source('acct_a', 'vid_abort');
    const { client, uploadId, etags, complete } = await upload(key, [Buffer.alloc(5 * MiB, 7), Buffer.from('rest')]);
    const listed = await client.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([
      [1, etags[0], 5 * MiB],
      [2, etags[1], 4],
    ]);
    expect(await storage.abortMultipart(key, uploadId)).toBe(true);
    expect(
      await refusal(
        client.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 1, Body: 'x' })),
      ),
    ).toEqual({ status: 404, code: 'NoSuchUpload' });
    expect(await refusal(complete(etags.map((ETag, i) => ({ PartNumber: i + 1, ETag }))))).toEqual({
      status: 404,
      code: 'NoSuchUpload',
    });
    client.destroy();
  });
});

describe('restarted over the same data (npm run dev again)', () => {
  it('keeps open multipart uploads: the stored parts complete, a made-up ETag is still refused', async () => {
    const key = objectKeys.source('acct_a', 'vid_restart');
    const parts = [Buffer.alloc(5 * MiB, 8), Buffer.from('after restart')];
    const uploadId = await storage.createMultipart(key, 'video/mp4');
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const answer = await fetch(await storage.presignPart(key, uploadId, i + 1, part.length, 60), {
        method: 'PUT',
        body: part,
      });
      etags.push(answer.headers.get('etag')!);
    }

    storage.destroy();
    await s3.close();
    s3 = await startLocalS3({ directory: dataDir, bucket: BUCKET });
    storage = storageAt(s3.endpoint);

    const client = sdkClient();
    const complete = completer(client, key, uploadId);
    expect(
      await refusal(
        complete([
          { PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' },
          { PartNumber: 2, ETag: etags[1] },
        ]),
      ),
    ).toEqual({ status: 400, code: 'InvalidPart' });
    await complete(etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })));
    client.destroy();
    expect(sha256((await storage.getBuffer(key))!)).toBe(sha256(Buffer.concat(parts)));
  });
});
