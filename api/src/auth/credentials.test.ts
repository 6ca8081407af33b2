import { credentialFrom, uploadIdOfClientSecret } from './credentials';

describe('credentialFrom', () => {
  it('reads a bearer token and a basic username', () => {
    expect(credentialFrom('Bearer sf_test_abc')).toBe('sf_test_abc');
    expect(credentialFrom('bearer   sf_test_abc ')).toBe('sf_test_abc');
    expect(credentialFrom(`Basic ${Buffer.from('sf_live_xyz:').toString('base64')}`)).toBe('sf_live_xyz');
  });

  it('refuses other schemes and empty values', () => {
    expect(credentialFrom(undefined)).toBeNull();
    expect(credentialFrom('Bearer')).toBeNull();
    expect(credentialFrom('Token sf_test_abc')).toBeNull();
    expect(credentialFrom(`Basic ${Buffer.from(':pw').toString('base64')}`)).toBeNull();
  });

  it('refuses a value followed by more tokens instead of picking one', () => {
    expect(credentialFrom('Bearer sf_test_abc junk')).toBeNull();
    expect(credentialFrom('Bearer sf_test_abc sf_test_def')).toBeNull();
    expect(credentialFrom(`Basic ${Buffer.from('sf_live_xyz:').toString('base64')} x`)).toBeNull();
  });
});

describe('uploadIdOfClientSecret', () => {
  it('extracts the upload id only from a well-formed secret', () => {
    const id = 'upl_' + 'a'.repeat(24);
    expect(uploadIdOfClientSecret(`${id}_secret_${'b'.repeat(32)}`)).toBe(id);
    expect(uploadIdOfClientSecret(`${id}_secret_short`)).toBeNull();
    expect(uploadIdOfClientSecret('sf_test_' + 'a'.repeat(32))).toBeNull();
  });
});
