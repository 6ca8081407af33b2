import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiError } from './api-error';
import { toErrorBody } from './error-body';

describe('toErrorBody', () => {
  it('keeps an ApiError as it is, with the request id', () => {
    const { status, body } = toErrorBody(ApiError.invalid('parameter_invalid', 'Invalid size', 'size'), 'req_1');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'parameter_invalid',
        message: 'Invalid size',
        param: 'size',
        request_id: 'req_1',
      },
    });
  });

  it('never shows SQL, paths or stacks of unexpected errors', () => {
    const sql = new QueryFailedError(
      'SELECT secret FROM api_keys WHERE hash = $1',
      ['abc'],
      new Error('relation "x" does not exist'),
    );
    for (const error of [sql, new Error('ENOENT: /srv/streamforge/tmp/x'), 'a string']) {
      const { status, body } = toErrorBody(error, 'req_2');
      expect(status).toBe(500);
      expect(body.error).toMatchObject({ type: 'api_error', code: 'internal_error', request_id: 'req_2' });
      expect(JSON.stringify(body)).not.toMatch(/SELECT|api_keys|ENOENT|srv|stack/);
    }
  });

  it('maps framework errors to their status and unknown routes to not_found_error', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(toErrorBody(tooLarge, 'r').body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'body_too_large',
    });
    expect(toErrorBody(new NotFoundException('Cannot GET /x'), 'r').body.error).toMatchObject({
      type: 'not_found_error',
      code: 'route_not_found',
    });
  });
});
