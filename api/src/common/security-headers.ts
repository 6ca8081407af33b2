import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * Security headers for a JSON API that also serves Swagger UI at /docs: the policy lets that page
 * load its own scripts and styles and nothing else, and no page may frame any response. Responses
 * stay readable cross-origin (CORS decides who may call), since browsers upload with a client_secret
 * from the customer's pages.
 */
const POLICY: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
    },
  },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet sets for POLICY, worked out once: they are the same for every response (no
 * nonces), and building helmet's middleware per request (as `@fastify/helmet` does) showed up in
 * the api's CPU profile.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number | string[]) => {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name],
  };
  let failure: unknown;
  helmet(POLICY)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure || !headers['Content-Security-Policy']) throw new Error('helmet did not produce the security headers');
  return headers;
}

export function installSecurityHeaders(app: NestFastifyApplication) {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(headers);
      done();
    });
}
