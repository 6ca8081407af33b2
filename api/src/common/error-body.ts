import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, type ErrorBody, type ErrorType } from './api-error';

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request',
  404: 'route_not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
};

/** Fastify's own errors (body parsing, size, content type) carry a status and a FST_ code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/**
 * Maps anything thrown to a status and the public error shape. Messages of unexpected errors are
 * never shown: they may hold SQL, paths or secrets.
 */
export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: {
        error: {
          type: error.type,
          code: error.code,
          message: error.message,
          ...(error.param ? { param: error.param } : {}),
          request_id: requestId,
        },
      },
    };
  }
  let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let message = 'An unexpected error occurred. Quote the request id when you report it.';
  if (error instanceof HttpException) {
    status = error.getStatus();
    if (status < 500) message = error.message;
  } else if (isFrameworkError(error)) {
    status = error.statusCode!;
    if (status < 500) message = error.message ?? message;
  }
  const type = TYPE_BY_STATUS[status] ?? (status < 500 ? 'invalid_request_error' : 'api_error');
  const code = CODE_BY_STATUS[status] ?? (status < 500 ? 'invalid_request' : 'internal_error');
  if (status === 404 && error instanceof HttpException) message = 'Unrecognized request URL.';
  return { status, body: { error: { type, code, message, request_id: requestId } } };
}

function isFrameworkError(error: unknown): error is FrameworkError {
  const e = error as FrameworkError;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.statusCode === 'number' &&
    e.statusCode >= 400 &&
    e.statusCode < 600 &&
    typeof e.code === 'string' &&
    e.code.startsWith('FST_')
  );
}
