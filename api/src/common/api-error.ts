export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'api_error';

export interface ErrorBody {
  error: { type: ErrorType; code: string; message: string; param?: string; request_id?: string };
}

/** The one error every handler throws; the exception filter turns it into the public shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static invalid(code: string, message: string, param?: string) {
    return new ApiError(400, 'invalid_request_error', code, message, param);
  }

  static authentication(code: string, message: string) {
    return new ApiError(401, 'authentication_error', code, message);
  }

  static permission(code: string, message: string) {
    return new ApiError(403, 'permission_error', code, message);
  }

  /** Another account's id and an id that never existed read the same. */
  static notFound(resource: string, id: string, param = 'id') {
    return new ApiError(404, 'not_found_error', 'resource_missing', `No such ${resource}: '${id}'`, param);
  }
}
