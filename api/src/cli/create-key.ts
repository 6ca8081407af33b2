import { parseArgs } from 'node:util';
import { ConfigError, createDataSource, loadConfig, migrate } from '@streamforge/core';
import { findOrCreateAccount, issueApiKey } from '../auth/key-issuer';

const USAGE = 'usage: npm run -s keys:create -- --account <name> [--live] [--name <label>]';

/** Creates (or reuses) an account by name and prints a new secret key once, on the last line. */
async function main() {
  const { values } = parseArgs({
    options: { account: { type: 'string' }, live: { type: 'boolean', default: false }, name: { type: 'string' } },
  });
  if (!values.account) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  await migrate(config.databaseUrl);
  const db = createDataSource(config.databaseUrl);
  await db.initialize();
  try {
    const { account, key, secret } = await db.transaction(async (manager) => {
      const account = await findOrCreateAccount(manager, values.account!);
      return {
        account,
        ...(await issueApiKey(manager, { accountId: account.id, livemode: values.live!, name: values.name })),
      };
    });
    console.log(`account ${account.id} (${account.name}), key ${key.id} (${key.livemode ? 'live' : 'test'} mode)`);
    console.log('The secret key is shown once; store it now:');
    console.log(secret);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `keys:create failed: ${(error as Error).message}`);
  process.exit(1);
});
