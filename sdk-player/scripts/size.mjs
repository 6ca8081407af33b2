// Prints the gzipped size of each budgeted file and exits 1 when one is over its budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const budget = JSON.parse(await readFile(new URL('size-budget.json', root), 'utf8'));
let over = false;
for (const [file, limit] of Object.entries(budget)) {
  if (file === 'comment') continue;
  const bytes = await readFile(new URL(file, root));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const ok = gz <= limit;
  over ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${file}: ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzip (budget ${(limit / 1024).toFixed(0)} KB)`,
  );
}
if (over) process.exit(1);
