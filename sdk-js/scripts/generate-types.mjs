// Turns the committed OpenAPI document into src/generated/openapi.ts. With --check it only
// compares, so CI fails when someone changes the API without regenerating the client.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const specPath = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));
const outPath = fileURLToPath(new URL('../src/generated/openapi.ts', import.meta.url));
const { version } = JSON.parse(
  await readFile(fileURLToPath(new URL('../../node_modules/openapi-typescript/package.json', import.meta.url)), 'utf8'),
);

const HEADER = [
  `// GENERATED FILE — do not edit. Made by openapi-typescript ${version} from openapi/openapi.json.`,
  '// Regenerate with `npm run sdk:generate`; `npm test` fails while this file is stale.',
  '// Hand-written code lives outside src/generated/ and only imports from here.',
  '/* eslint-disable */',
  '// ----- BEGIN GENERATED -----',
].join('\n');
const FOOTER = '// ----- END GENERATED -----\n';

const ast = await openapiTS(pathToFileURL(specPath), { alphabetize: true });
const expected = `${HEADER}\n${astToString(ast)}${FOOTER}`;

if (process.argv.includes('--check')) {
  const current = await readFile(outPath, 'utf8').catch(() => '');
  if (current !== expected) {
    console.error(
      'sdk-js/src/generated/openapi.ts is stale: openapi/openapi.json changed. Run `npm run sdk:generate`.',
    );
    process.exit(1);
  }
} else {
  await writeFile(outPath, expected);
  console.log('wrote sdk-js/src/generated/openapi.ts');
}
