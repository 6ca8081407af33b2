import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed document (openapi:check keeps it equal to what the api emits). */
const doc: any = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));

const EXPECTED_TYPE: Record<string, string> = {
  '400': 'invalid_request_error',
  '401': 'authentication_error',
  '403': 'permission_error',
  '404': 'not_found_error',
  '409': 'idempotency_error',
  '429': 'rate_limit_error',
};

describe('the OpenAPI document', () => {
  const responses = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) =>
      Object.entries((op.responses ?? {}) as Record<string, any>).map(([status, response]) => ({
        at: `${method} ${path} ${status}`,
        status,
        response,
      })),
    ),
  );

  it('shows each error status with an example of its own kind', () => {
    const errors = responses.filter(({ status }) => status in EXPECTED_TYPE);
    expect(errors.length).toBeGreaterThan(20);
    for (const { at, status, response } of errors) {
      const example = response.content?.['application/json']?.example;
      expect({ at, type: example?.error?.type }).toEqual({ at, type: EXPECTED_TYPE[status] });
    }
  });

  it('describes API keys as what they are and names a server', () => {
    expect(doc.components.securitySchemes.bearer.bearerFormat).not.toMatch(/jwt/i);
    expect(doc.servers.length).toBeGreaterThan(0);
  });

  it('documents the configured default upload limit (50 GiB), not the S3 ceiling', () => {
    expect(doc.components.schemas.CreateUploadDto.properties.size.maximum).toBe(50 * 1024 ** 3);
  });
});
