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
 */
export function createLogger(level: LogLevel = 'info', stream?: Writable): Logger {
  return pino(
    {
      level,
      base: { service: 'streamforge-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'message',
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
    stream ?? pino.destination({ dest: 1, sync: false }),
  );
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
