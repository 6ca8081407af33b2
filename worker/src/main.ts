import { ConfigError, loadConfig, tuneBufferGc } from '@streamforge/core';
import { createWorkerApp } from './app';

async function main() {
  const config = loadConfig();
  tuneBufferGc(config.bufferGc); // before the first media Buffer: see core/src/runtime/buffer-gc.ts
  await createWorkerApp(config);
  console.log('StreamForge worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
