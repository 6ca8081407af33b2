import type { ApiErrorObject } from './types';

/** Every error the SDK throws is a StreamForgeError; API answers are subclasses chosen by status. */
export class StreamForgeError extends Error {
  override name = 'StreamForgeError';
}

/** The API answered with an error. Carries the API's error object and the request id for support. */
export class ApiError extends StreamForgeError {
  override name = 'ApiError';
  readonly type: string;
  readonly code: string;
  readonly param?: string;

  constructor(
    readonly status: number,
    readonly error: ApiErrorObject,
    readonly requestId: string | null,
    readonly headers: Headers,
  ) {
    super(`${error.message}${requestId ? ` (request ${requestId})` : ''}`);
    this.type = error.type;
    this.code = error.code;
    this.param = error.param;
  }
}

export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

/** No answer: the connection failed or the request timed out. */
export class ConnectionError extends StreamForgeError {
  override name = 'ConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/** The caller aborted (AbortSignal, `handle.abort()`). Never retried. */
export class AbortedError extends StreamForgeError {
  override name = 'AbortedError';
}

/** The uploader gave up: an unrecoverable answer, or too many consecutive failures. */
export class UploadError extends StreamForgeError {
  override name = 'UploadError';
  constructor(
    message: string,
    readonly code: 'storage_rejected' | 'retries_exhausted' | 'file_changed' | 'etag_unreadable' | 'upload_unusable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The one place an HTTP answer becomes an error class. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): ApiError {
  const requestId = headers.get('request-id');
  const fromBody = (body as { error?: ApiErrorObject } | null)?.error;
  const error: ApiErrorObject =
    fromBody && typeof fromBody.message === 'string'
      ? fromBody
      : {
          type: status >= 500 ? 'api_error' : 'invalid_request_error',
          code: `http_${status}`,
          message: `HTTP ${status}`,
        };
  const Class = BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
  return new Class(status, error, error.request_id ?? requestId, headers);
}
