/**
 * The docs a customer reads: Swagger UI at /docs loads in real Chromium (Debian's, never a download)
 * and lists every operation of the committed OpenAPI document; /openapi.json is that document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startSystem, type TestSystem } from '../support/system';

const committed = JSON.parse(readFileSync(join(__dirname, '../../openapi/openapi.json'), 'utf8'));
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

const documented = Object.entries<any>(committed.paths)
  .flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`))
  .sort();

let sys: TestSystem;
let browser: Browser;

beforeAll(async () => {
  sys = await startSystem({ env: { RATE_LIMIT_REQUESTS: '100000' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sys?.close();
});

it('serves at /openapi.json exactly the committed openapi/openapi.json', async () => {
  const res = await fetch(`${sys.baseUrl}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(await res.json()).toEqual(committed);
});

it('renders every operation of the document in Swagger UI at /docs, and nothing else', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Everything the page needs is served by the api itself: no request may leave loopback.
  page.on('request', (request) => {
    if (!request.url().startsWith(sys.baseUrl) && !request.url().startsWith('data:'))
      problems.push(`external request: ${request.url()}`);
  });
  try {
    const res = await page.goto(`${sys.baseUrl}/docs`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('StreamForge API');

    // Swagger UI renders asynchronously once it has fetched the document.
    await page.waitForSelector('.opblock .opblock-summary-method', { timeout: 30_000 });
    await page.waitForFunction(`document.querySelectorAll('.opblock').length >= ${documented.length}`, undefined, {
      timeout: 30_000,
    });
    const rendered = await page.$$eval('.opblock', (blocks) =>
      blocks.map((block) => {
        const method = block.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '?';
        const pathEl = block.querySelector('.opblock-summary-path');
        const path = pathEl?.getAttribute('data-path') ?? pathEl?.textContent?.replace(/\u200b/g, '').trim() ?? '?';
        return `${method.toUpperCase()} ${path}`;
      }),
    );
    expect([...new Set(rendered)].sort()).toEqual(documented);
    expect(rendered).toHaveLength(documented.length);

    // The page shows the document's title and offers the security schemes.
    expect(await page.textContent('.info .title')).toContain(committed.info.title);
    if (committed.components?.securitySchemes) expect(await page.isVisible('.auth-wrapper .authorize')).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
});

it('expands an operation to show its parameters and responses', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${sys.baseUrl}/docs`);
    const block = page.locator('.opblock', { has: page.locator('[data-path="/v1/videos/{id}"]') }).filter({
      has: page.locator('.opblock-summary-method', { hasText: /^GET$/ }),
    });
    await block.locator('.opblock-summary').first().click();
    await block.locator('.parameters-container').waitFor();
    expect(await block.locator('.parameters-container').textContent()).toContain('id');
    const codes = await block.locator('.responses-table .response-col_status').allTextContents();
    const expected = Object.keys(committed.paths['/v1/videos/{id}'].get.responses);
    expect(
      codes
        .map((c) => c.trim())
        .filter((c) => /^\d{3}$/.test(c))
        .sort(),
    ).toEqual(expected.sort());
  } finally {
    await page.close();
  }
});
