import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("is helmet's answer for the api's policy, worked out once", () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toBe(
      "default-src 'none';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;" +
        "font-src 'self' data:;connect-src 'self';base-uri 'none';form-action 'none';frame-ancestors 'none';object-src 'none'",
    );
    expect(headers).toMatchObject({
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
    });
    expect(headers['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(headers).not.toHaveProperty('Cross-Origin-Embedder-Policy');
  });
});
