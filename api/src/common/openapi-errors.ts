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

/** Documents the error responses of an operation with the one error shape (429 wherever auth is). */
export function ApiErrors(...statuses: number[]) {
  const all = statuses.includes(401) ? [...statuses, 429] : statuses;
  return applyDecorators(
    ...all.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse })),
  );
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
    ApiResponse({ status: 409, description: DESCRIPTIONS[409], type: ErrorResponse }),
  );
}
