import { ConfigError, loadConfig, migrate } from '@streamforge/core';

migrate(loadConfig().databaseUrl)
  .then((ran) => console.log(ran.length ? `applied ${ran.join(', ')}` : 'database is up to date'))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `migration failed: ${(error as Error).message}`);
    process.exit(1);
  });
