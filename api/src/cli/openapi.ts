import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '@streamforge/core';
import { createApiApp } from '../app';
import { buildOpenApiDocument } from '../openapi';

/**
 * Emits the OpenAPI document from the api's decorators without connecting to anything
 * (Nest preview mode instantiates no providers), then writes it or compares it with the committed copy.
 */
export async function emitOpenApi(): Promise<string> {
  const app = await createApiApp(loadConfig({ NODE_ENV: 'development' }), { logLevel: 'error', preview: true });
  const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
  await app.close();
  return text;
}

async function main() {
  const { values } = parseArgs({ options: { write: { type: 'string' }, check: { type: 'string' } } });
  const text = await emitOpenApi();
  if (values.write) {
    writeFileSync(values.write, text);
    console.log(`wrote ${values.write}`);
  } else if (values.check) {
    let committed = '';
    try {
      committed = readFileSync(values.check, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (committed !== text) {
      console.error(`${values.check} differs from what the api emits. Run: npm run openapi:emit`);
      process.exit(1);
    }
    console.log(`${values.check} is up to date`);
  } else {
    process.stdout.write(text);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
