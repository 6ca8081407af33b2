// Turns openapi/manifest.schema.json (the playback contract) into the TypeScript types both sides
// use: core (the worker's writer) and sdk-player (the player's reader). With --check it only
// compares, so `npm test` fails when the schema and either copy drift apart.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import prettier from 'prettier';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const SCHEMA = 'openapi/manifest.schema.json';
const OUTPUTS = ['core/src/generated/manifest.ts', 'sdk-player/src/generated/manifest.ts'];
const { version } = JSON.parse(await readFile(root('node_modules/json-schema-to-typescript/package.json'), 'utf8'));

const schema = JSON.parse(await readFile(root(SCHEMA), 'utf8'));
const body = await compile(schema, 'Manifest', {
  bannerComment: [
    `// GENERATED FILE — do not edit. Made by json-schema-to-typescript ${version} from ${SCHEMA}.`,
    '// Regenerate with `npm run manifest:generate`; `npm run manifest:check` fails while this file is stale.',
    '/* eslint-disable */',
  ].join('\n'),
  additionalProperties: false,
  unreachableDefinitions: true,
  format: false,
});
const options = { ...(await prettier.resolveConfig(root(OUTPUTS[0]))), parser: 'typescript' };
const expected = await prettier.format(body, options);

let stale = [];
for (const out of OUTPUTS) {
  if (process.argv.includes('--check')) {
    const current = await readFile(root(out), 'utf8').catch(() => '');
    if (current !== expected) stale.push(out);
  } else {
    await mkdir(dirname(root(out)), { recursive: true });
    await writeFile(root(out), expected);
    console.log(`wrote ${out}`);
  }
}
if (stale.length) {
  console.error(`${stale.join(', ')}: stale against ${SCHEMA}. Run \`npm run manifest:generate\`.`);
  process.exit(1);
}
