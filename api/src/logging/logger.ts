import type { Writable } from 'node:stream';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { RequestScope } from '../common/request-scope';
import { scrub } from './scrub';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/**
 * One JSON logger for Fastify's request logs and Nest's own: every line inside a request carries
 * its `request_id`, and every string is scrubbed of secrets before it is written. Without a stream
 * it writes to stdout asynchronously (pino's default destination writes synchronously, blocking the
 * event loop on every request's log line); pino flushes what is buffered when the process exits.
 *
 * `access` writes the one line per answered request (see `accessLine`) to the same destination, so
 * the lines stay in order. It has none of the general logger's machinery (redaction paths, the
 * string hook, serializers, the request-id mixin): its fields are fixed and `accessLine` scrubs the
 * only free text, the URL. That machinery was a third of the line's cost, on every request.
 */
export function createLoggers(level: LogLevel = 'info', stream?: Writable): { log: Logger; access: Logger } {
  const destination = stream ?? pino.destination({ dest: 1, sync: false });
  const common = {
    level,
    base: { service: 'streamforge-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'message',
  };
  const log = pino(
    {
      ...common,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.client_secret', '*.secret'],
        censor: '[redacted]',
      },
      mixin: () => {
        const requestId = RequestScope.currentRequestId();
        return requestId ? { request_id: requestId } : {};
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: scrub(req.url) }),
        err: (err: Error) => ({ type: err.name, message: scrub(err.message), stack: err.stack && scrub(err.stack) }),
      },
    },
    destination,
  );
  return { log, access: pino(common, destination) };
}

/** The request-completed line's fields, all of them. */
export interface AccessLine {
  reqId: string;
  request_id: string;
  req: { method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

/** The URL is the only text in the line that a caller chose: it is scrubbed like any other string. */
export function accessLine(
  request: { id: string; method: string; url: string },
  statusCode: number,
  elapsedMs: number,
): AccessLine {
  return {
    reqId: request.id,
    request_id: request.id,
    req: { method: request.method, url: scrub(request.url) },
    res: { statusCode },
    responseTime: Math.round(elapsedMs),
  };
}

/** Nest's LoggerService on top of the same pino instance. */
export class JsonLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, stack?: string, context?: string) {
    this.pino.error({ context, stack: stack && scrub(stack) }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
