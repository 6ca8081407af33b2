import { loadConfig } from '@streamforge/core';
import { createApiApp } from './app';
import { assertRequestScopes } from './common/request-transaction';

jest.mock('./common/request-transaction', () => {
  const actual = jest.requireActual('./common/request-transaction');
  return { ...actual, assertRequestScopes: jest.fn(actual.assertRequestScopes) };
});

describe('createApiApp', () => {
  it('checks at start that every authenticated handler has exactly one request scope', async () => {
    const app = await createApiApp(loadConfig({ NODE_ENV: 'development' }), { logLevel: 'error', preview: true });
    try {
      expect(assertRequestScopes).toHaveBeenCalledWith(app);
      // It passed: the api as built has no handler outside a request scope.
      expect(jest.mocked(assertRequestScopes).mock.results).toEqual([{ type: 'return', value: undefined }]);
    } finally {
      await app.close();
    }
  });
});
