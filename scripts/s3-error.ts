import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** A refusal the way S3 words it: status, code and message, sent as S3's XML error document. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const accessDenied = (message = 'Access Denied') => new S3Error(403, 'AccessDenied', message);

export const signatureDoesNotMatch = () =>
  new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function errorDocument(error: S3Error): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>` +
    `<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`
  );
}

export function sendS3Error(response: ServerResponse, error: S3Error, method: string | undefined) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = errorDocument(error);
  response.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': method === 'HEAD' ? 0 : Buffer.byteLength(body),
  });
  response.end(method === 'HEAD' ? undefined : body);
}
