import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_PAGE_CSP } from '../../server/http/web-page-route.ts';
import { startTestNode, type TestNode } from '../support/test-node.ts';

const CHROMIUM = process.env['PUBLISHER_CHROMIUM'] ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-results/browser/', import.meta.url));
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A page that records every console error and uncaught exception it produces. */
async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(WEB_PAGE_CSP);
  await expect.poll(() => page.locator('#node-info').textContent()).toMatch(/chains: bsv/);
  return { page, errors };
}

async function createKeyAndPublish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect.poll(() => page.locator('#address').textContent()).toMatch(/^[mn][1-9A-HJ-NP-Za-km-z]{25,34}$/);
  expect(await page.getByRole('checkbox', { name: 'bsv' }).isChecked()).toBe(true);
  await page.getByRole('button', { name: 'Sign and publish' }).click();
}

describe('the web page in headless Chromium', () => {
  let browser: Browser;
  let openNode: TestNode;
  let closedNode: TestNode;

  beforeAll(async () => {
    // No skipping: a missing browser fails the suite with what to do.
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set PUBLISHER_CHROMIUM)`);
    await mkdir(ARTIFACTS, { recursive: true });
    // Playwright gives each launch a fresh temporary user-data-dir and removes it on close.
    [browser, openNode, closedNode] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
      startTestNode({ PUBLISHER_OPEN_REGISTRATION: 'true', PUBLISHER_CHAINS: 'bsv', PUBLISHER_BSV_DEVNET_BLOCK_MS: '300', PUBLISHER_BSV_BATCH_WINDOW_MS: '100' }),
      startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false' }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), openNode?.stop(), closedNode?.stop()]);
  });

  it('creates a key, publishes a record, shows it confirmed live, downloads a proof that verifies in the page', async () => {
    const { page, errors } = await openPage(browser, `${openNode.url}/`);
    await createKeyAndPublish(page);

    const bsv = page.locator('#status li[data-chain="bsv"]');
    await expect.poll(() => bsv.getAttribute('data-status'), { timeout: 30_000 }).toBe('CONFIRMED');
    const recordId = await page.locator('#record-id').textContent();
    expect(recordId).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#receipt').textContent()).toContain('✓ signed by the operator');
    const txid = await bsv.locator('code').textContent();
    expect(txid).toMatch(/^[0-9a-f]{64}$/);
    expect(await bsv.textContent()).toMatch(/QUEUED → .*CONFIRMED.*\d+ confirmations?/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download proof' }).click()]);
    expect(download.suggestedFilename()).toBe(`proof-${recordId}.json`);
    const proof = JSON.parse(await readFile(await download.path(), 'utf8')) as { intent: { signature: string }; anchors: { chain: string; txid: string }[] };
    expect(proof.anchors).toEqual([expect.objectContaining({ chain: 'bsv', txid })]);

    await expect.poll(() => page.locator('#verdict').textContent()).toContain('✓ The proof verifies');
    const checks = await page.locator('#checks li').allTextContents();
    expect(checks.length).toBeGreaterThanOrEqual(6);
    expect(checks.filter((check) => !check.startsWith('✓'))).toEqual([]);

    await page.screenshot({ path: `${ARTIFACTS}page.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the reason code when the node refuses an unregistered key', async () => {
    const { page, errors } = await openPage(browser, `${closedNode.url}/`);
    expect(await page.locator('#node-info').textContent()).toContain('registered keys only');
    await createKeyAndPublish(page);

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('KEY_NOT_REGISTERED: this node only accepts registered keys; ask the operator');
    expect(await page.locator('#status li').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download proof' }).isDisabled()).toBe(true);

    await page.screenshot({ path: `${ARTIFACTS}page-refused.png`, fullPage: true });
    // Chromium logs every 4xx response as a console error; the refusal's 403 is the only one allowed.
    expect(errors.filter((text) => !/status of 403/.test(text))).toEqual([]);
  }, 60_000);

  it('serves the page and its assets with their types, no-cache validators and the CSP', async () => {
    const expected = { '/': 'text/html', '/app.js': 'text/javascript', '/app.css': 'text/css' };
    for (const [path, type] of Object.entries(expected)) {
      const response = await fetch(`${openNode.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(`${type}; charset=utf-8`);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), path).toBe(WEB_PAGE_CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const etag = response.headers.get('etag') ?? '';
      expect((await fetch(`${openNode.url}${path}`, { headers: { 'if-none-match': etag } })).status, path).toBe(304);
    }
    const head = await fetch(`${openNode.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(WEB_PAGE_CSP).toContain("script-src 'self'");
    expect(WEB_PAGE_CSP).toContain("connect-src 'self'");
    expect(WEB_PAGE_CSP).toContain("default-src 'none'");
  });
});
