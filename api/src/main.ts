import { ConfigError, loadConfig } from '@streamforge/core';
import { createApiApp } from './app';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(`StreamForge api listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
