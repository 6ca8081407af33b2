import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

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
};

/** Documents the error responses of an operation with the one error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponse })),
  );
}
