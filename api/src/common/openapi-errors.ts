import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

class ErrorDetail {
  @ApiProperty({
    enum: [
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'idempotency_error',
      'rate_limit_error',
      'api_error',
    ],
  })
  type!: string;
  @ApiProperty({ example: 'resource_missing', description: 'A machine-readable code.' }) code!: string;
  @ApiProperty({ example: "No such video: 'vid_123'", description: 'A message for the developer.' }) message!: string;
  @ApiPropertyOptional({ example: 'id', description: 'The parameter the error is about.' }) param?: string;
  @ApiProperty({ example: 'req_8hHkq2B1nC3r', description: 'Quote it when you ask for help.' }) request_id!: string;
}

export class ErrorResponse {
  @ApiProperty({ type: ErrorDetail }) error!: ErrorDetail;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: the error names the `param`.',
  401: 'Missing, malformed or revoked API key.',
  403: 'The credential may not call this endpoint (e.g. an upload client_secret on another upload).',
  404: 'No such object in this account and mode.',
  409: 'Another request with the same Idempotency-Key is in progress.',
  429: 'Too many requests with this key: retry after `Retry-After` seconds.',
};

/** What each status looks like in the one error shape, so a reader sees the real case, not a 404 for all. */
const EXAMPLES: Record<number, { type: string; code: string; message: string; param?: string }> = {
  400: {
    type: 'invalid_request_error',
    code: 'parameter_missing',
    message: 'Missing required param: content_type.',
    param: 'content_type',
  },
  401: {
    type: 'authentication_error',
    code: 'invalid_api_key',
    message: 'Invalid API key. Check the key, or create a new one.',
  },
  403: {
    type: 'permission_error',
    code: 'client_secret_scope',
    message: "An upload's client_secret can only call that upload's own endpoints.",
  },
  404: { type: 'not_found_error', code: 'resource_missing', message: "No such video: 'vid_123'", param: 'id' },
  409: {
    type: 'idempotency_error',
    code: 'idempotency_key_in_use',
    message: 'A request with this Idempotency-Key is still being processed. Retry after it finishes.',
  },
  429: {
    type: 'rate_limit_error',
    code: 'rate_limited',
    message: 'Too many requests with this key. Retry after 1 s.',
  },
};

function errorResponse(status: number) {
  const example = EXAMPLES[status];
  return ApiResponse({
    status,
    description: DESCRIPTIONS[status],
    type: ErrorResponse,
    ...(example ? { example: { error: { ...example, request_id: 'req_8hHkq2B1nC3r' } } } : {}),
  });
}

/** Documents the error responses of an operation with the one error shape (429 wherever auth is). */
export function ApiErrors(...statuses: number[]) {
  const all = statuses.includes(401) ? [...statuses, 429] : statuses;
  return applyDecorators(...all.map(errorResponse));
}

/** Documents the Idempotency-Key header every POST accepts. */
export function ApiIdempotent() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Up to 255 printable characters. A retry with the same key and body replays the first response ' +
        '(with `Idempotent-Replayed: true`); the same key with another body is refused. Keys are kept 24 hours.',
    }),
    errorResponse(409),
  );
}
