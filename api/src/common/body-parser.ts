import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

const MAX_DEPTH = 32;

/** How deeply `value` nests, counted without recursion so hostile input cannot overflow the stack. */
export function nestingDepth(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * JSON is the only body the API takes: a request body must be one JSON object, nested at most 32
 * deep. Fastify's parser (which refuses `__proto__` and `constructor.prototype`) does the parsing;
 * every other content type answers 415.
 */
export function installJsonBodyParser(fastify: FastifyInstance) {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(error as Error, undefined);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return done(ApiError.invalid('body_invalid', 'The request body must be a JSON object.'), undefined);
      }
      if (nestingDepth(value) > MAX_DEPTH) {
        return done(
          ApiError.invalid('body_invalid', `The request body is nested more than ${MAX_DEPTH} levels deep.`),
          undefined,
        );
      }
      done(null, value);
    });
  });
}
