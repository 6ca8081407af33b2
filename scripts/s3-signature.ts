import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpRequest } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import { accessDenied, S3Error, signatureDoesNotMatch } from './s3-error';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** A request as it arrived: the path exactly as encoded on the wire, the query decoded. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
}

export type Caller =
  | { kind: 'anonymous' }
  /** `payloadHash` is the body's signed SHA-256 (hex), or UNSIGNED-PAYLOAD. */
  | { kind: 'signed'; signedHeaders: ReadonlySet<string>; payloadHash: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const ALLOWED_SKEW_MS = 15 * 60 * 1000;

/**
 * Verifies SigV4 (Authorization header or presigned query) by re-signing the received request with
 * the AWS SDK's own signer and comparing in constant time. The signer is given exactly the headers
 * named in SignedHeaders, with their received values, the path as sent and the payload hash as sent.
 */
export async function authenticate(
  request: ReceivedRequest,
  credentials: S3Credentials,
  now: Date = new Date(),
): Promise<Caller> {
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = queryKey(request.query, 'X-Amz-Algorithm') !== undefined;
  if (authorization !== undefined && presigned) {
    throw new S3Error(400, 'InvalidArgument', 'Only one auth mechanism allowed');
  }
  if (authorization !== undefined) return verifyHeader(request, authorization, credentials, now);
  if (presigned) return verifyPresigned(request, credentials, now);
  if (queryKey(request.query, 'Signature') !== undefined || queryKey(request.query, 'AWSAccessKeyId') !== undefined) {
    throw accessDenied('Signature version 2 is not supported; sign with SigV4');
  }
  return { kind: 'anonymous' };
}

async function verifyHeader(
  request: ReceivedRequest,
  authorization: string,
  credentials: S3Credentials,
  now: Date,
): Promise<Caller> {
  const match = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(
    authorization.trim(),
  );
  if (!match) {
    throw new S3Error(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed');
  }
  const [, credential, signedList, signature] = match;
  const scope = parseScope(credential, credentials);
  const signingDate = parseAmzDate(headerValue(request.headers, 'x-amz-date'));
  if (!signingDate) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  if (Math.abs(now.getTime() - signingDate.getTime()) > ALLOWED_SKEW_MS) {
    throw new S3Error(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  }
  const payloadHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (payloadHash === undefined) {
    throw new S3Error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  const signedHeaders = new Set(signedList.split(';'));
  const headers = signedHeaderValues(request.headers, signedHeaders);
  const unsignable = new Set<string>();
  if (!signedHeaders.has('x-amz-content-sha256')) {
    headers['x-amz-content-sha256'] = payloadHash;
    unsignable.add('x-amz-content-sha256');
  }
  const resigned = await signer(credentials, scope.region).sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path: request.path,
      query: request.query,
      headers,
    }),
    {
      signingDate,
      signingRegion: scope.region,
      signingService: 's3',
      signableHeaders: signedHeaders,
      unsignableHeaders: unsignable,
    },
  );
  const expected = /SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)$/.exec(resigned.headers.authorization ?? '');
  if (!expected || expected[1] !== signedList || !constantTimeEqual(expected[2], signature)) {
    throw signatureDoesNotMatch();
  }
  return { kind: 'signed', signedHeaders, payloadHash };
}

async function verifyPresigned(request: ReceivedRequest, credentials: S3Credentials, now: Date): Promise<Caller> {
  const param = (name: string) => {
    const key = queryKey(request.query, name);
    const value = key === undefined ? undefined : request.query[key];
    return typeof value === 'string' ? value : undefined;
  };
  if (param('X-Amz-Algorithm') !== ALGORITHM) {
    throw new S3Error(400, 'AuthorizationQueryParametersError', `X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const credential = param('X-Amz-Credential');
  const signedList = param('X-Amz-SignedHeaders');
  const signature = param('X-Amz-Signature');
  const signingDate = parseAmzDate(param('X-Amz-Date'));
  const expiresIn = Number(param('X-Amz-Expires'));
  if (!credential || !signedList || !signature || !signingDate) {
    throw new S3Error(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
    throw new S3Error(400, 'AuthorizationQueryParametersError', 'X-Amz-Expires must be between 1 and 604800 seconds');
  }
  const scope = parseScope(credential, credentials);

  const signedHeaders = new Set(signedList.split(';'));
  const headers = signedHeaderValues(request.headers, signedHeaders);
  // A presigned URL's payload is unsigned unless the URL carries its hash.
  const hashKey = queryKey(request.query, 'X-Amz-Content-Sha256');
  const payloadHash =
    (hashKey !== undefined ? (request.query[hashKey] as string) : undefined) ??
    (signedHeaders.has('x-amz-content-sha256') ? headers['x-amz-content-sha256'] : UNSIGNED_PAYLOAD);
  const unsignable = new Set<string>();
  if (!signedHeaders.has('x-amz-content-sha256')) {
    headers[hashKey ?? 'x-amz-content-sha256'] = payloadHash;
    unsignable.add('x-amz-content-sha256');
  }
  const query = { ...request.query };
  delete query[queryKey(query, 'X-Amz-Signature')!];
  const resigned = await signer(credentials, scope.region).presign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: 'localhost',
      path: request.path,
      query,
      headers,
    }),
    {
      signingDate,
      expiresIn,
      signingRegion: scope.region,
      signingService: 's3',
      signableHeaders: signedHeaders,
      unsignableHeaders: unsignable,
      // Whatever the client hoisted is already in the query; what it sent as headers stays headers.
      unhoistableHeaders: new Set(Object.keys(headers).map((h) => h.toLowerCase())),
    },
  );
  const expectedSignature = resigned.query?.['X-Amz-Signature'];
  if (
    resigned.query?.['X-Amz-SignedHeaders'] !== signedList ||
    typeof expectedSignature !== 'string' ||
    !constantTimeEqual(expectedSignature, signature)
  ) {
    throw signatureDoesNotMatch();
  }
  if (now.getTime() > signingDate.getTime() + expiresIn * 1000) throw accessDenied('Request has expired');
  return { kind: 'signed', signedHeaders, payloadHash };
}

function signer(credentials: S3Credentials, region: string) {
  return new SignatureV4({
    credentials,
    region,
    service: 's3',
    sha256: Hash.bind(null, 'sha256'),
    // S3 signs the path as sent, neither normalized nor encoded twice.
    uriEscapePath: false,
    applyChecksum: true,
  });
}

function parseScope(credential: string, credentials: S3Credentials) {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[3] !== 's3' || parts[4] !== 'aws4_request') {
    throw new S3Error(400, 'AuthorizationHeaderMalformed', `The credential is malformed: ${credential}`);
  }
  if (parts[0] !== credentials.accessKeyId) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  return { date: parts[1], region: parts[2] };
}

function signedHeaderValues(received: IncomingHttpHeaders, signed: ReadonlySet<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = headerValue(received, name);
    // A signed header that did not arrive cannot match: leaving it out changes SignedHeaders.
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function queryKey(query: Record<string, unknown>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(query).find((k) => k.toLowerCase() === lower);
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
