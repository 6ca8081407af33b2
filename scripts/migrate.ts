import { ConfigError, loadConfig, migrate } from '@streamforge/core';

async function main() {
  const config = loadConfig();
  // The api's role logs in with its URL's password (when derived, the owner's) where the server asks for one.
  const appPassword = decodeURIComponent(new URL(config.databaseAppUrl).password) || undefined;
  const ran = await migrate(config.databaseUrl, { appPassword });
  console.log(ran.length ? `applied ${ran.join(', ')}` : 'database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`);
  process.exit(1);
});
