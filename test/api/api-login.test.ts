/**
 * The api serves only on a login row-level security holds: pointed at the owner or a superuser
 * (an operator's DATABASE_APP_URL), it refuses to start and says why.
 */
import { createApiApp } from '@streamforge/api';
import { startSystem, type TestSystem } from '../support/system';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startSystem({ api: false });
});

afterAll(async () => {
  await sys?.close();
});

it('refuses to start when DATABASE_APP_URL logs in as a superuser', async () => {
  // The scratch database's URL logs in as postgres: superuser and owner of every table.
  const config = { ...sys.config, databaseAppUrl: sys.config.databaseUrl };
  await expect(createApiApp(config, { logLevel: 'silent' })).rejects.toThrow(
    /Refusing to start the api: its database login postgres \(DATABASE_APP_URL\) is SUPERUSER/,
  );
});

it('starts on the app login the migrations made', async () => {
  const app = await createApiApp(sys.config, { logLevel: 'silent' });
  await app.close();
});
