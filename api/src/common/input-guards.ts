import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { randomBase62 } from '@streamforge/core';
import { ApiError } from './api-error';
import { toErrorBody } from './error-body';
import { findUnsafeText } from './unsafe-text';

/**
 * Checks every request makes before any handler sees it, so each is answered in the error shape:
 * strings Postgres cannot store (NUL, unpaired surrogates) anywhere in the body, query or path, and
 * a repeated `Idempotency-Key` (Node would join the copies into one key).
 */
export function installInputGuards(fastify: FastifyInstance) {
  // Callback hooks, not async ones: each promise costs the hot path an async-context hook call.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const raw = request.raw.rawHeaders;
    let idempotencyKeys = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === 'idempotency-key') idempotencyKeys++;
    if (idempotencyKeys <= 1) return done();
    done(
      new ApiError(
        400,
        'idempotency_error',
        'idempotency_key_invalid',
        'Send one Idempotency-Key header, not several.',
      ),
    );
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    for (const part of [request.params, request.query, request.body]) {
      const param = findUnsafeText(part);
      if (param === null) continue;
      return done(
        ApiError.invalid(
          'parameter_invalid',
          `Invalid ${param || 'request'}: text must not contain NUL characters or unpaired UTF-16 surrogates.`,
          param || undefined,
        ),
      );
    }
    done();
  });
}

/**
 * Errors Node's HTTP parser meets before Fastify has a request (headers over the size limit, control
 * characters in a header): answered in the error shape with a `Request-Id`, like everything else.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return socket.destroy();
  const requestId = `req_${randomBase62(16)}`;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const refusal = tooLarge
    ? new ApiError(431, 'invalid_request_error', 'headers_too_large', 'The request headers are too large.')
    : ApiError.invalid('request_malformed', 'The request is not valid HTTP (a header may hold a control character).');
  const { status, body } = toErrorBody(refusal, requestId);
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      `Request-Id: ${requestId}\r\n` +
      `Cache-Control: no-store\r\n` +
      `Connection: close\r\n\r\n${text}`,
  );
}
