import { existsSync } from 'node:fs';
import { createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { WEB_PAGE_CSP } from '../../server/http/web-page-route.ts';
import { newCreator } from '../support/creator.ts';
import { startTestNode, TEST_ADMIN_TOKEN, type TestNode } from '../support/test-node.ts';

const CHROMIUM = process.env['PUBLISHER_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Generous: the machine may be busy; nothing here measures speed. */
const SLOW = { timeout: 180_000 };

let browser: Browser;
let node: TestNode;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set PUBLISHER_CHROMIUM)`);
  [browser, node] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_OPEN_REGISTRATION: 'true' }),
  ]);
}, 300_000);
afterAll(async () => {
  await Promise.all([browser?.close(), node?.stop()]);
});

async function openAdmin(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 1000 } })).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    // The refused data call shows in the console as a failed resource; anything else is a bug.
    if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  const response = await page.goto(`${node.url}/admin`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(WEB_PAGE_CSP);
  return { page, errors };
}

const figure = (page: Page, chain: string, name: string) => page.locator(`#chains tr[data-chain="${chain}"] td[data-figure="${name}"]`).textContent();

describe('the admin page (GET /admin) in headless Chromium', () => {
  it('gives no figures without the admin token: the data route refuses, the page shows the refusal and nothing else', async () => {
    const missing = await fetch(`${node.url}/admin/stats`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ reason: 'ADMIN_TOKEN_MISSING', message: expect.stringMatching(/^ADMIN_TOKEN_MISSING: /) });
    const wrong = await fetch(`${node.url}/admin/stats`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { reason: string }).reason).toBe('ADMIN_TOKEN_INVALID');

    const { page, errors } = await openAdmin();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    await page.locator('#token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => page.locator('#error').textContent(), SLOW).toMatch(/^ADMIN_TOKEN_INVALID: /);
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.locator('#chains tbody tr').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('with the token: renders the figures and charts, and they follow records being published, confirmed and replayed', async () => {
    const { page, errors } = await openAdmin();
    await page.locator('#token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => page.locator('#dashboard').isVisible(), SLOW).toBe(true);
    expect(await figure(page, 'bsv', 'reachable')).toBe('yes');
    expect(await figure(page, 'bsv', 'available')).toMatch(/^[1-9]\d* satoshi$/);
    expect(await page.locator('#workers').textContent()).toBe('1 (this node runs workers)');
    for (const id of ['chart-queue', 'chart-workers', 'chart-refusals', 'chart-funding']) expect(await page.locator(`#${id} polyline`).count(), id).toBeGreaterThan(0);
    const confirmedBefore = Number(await figure(page, 'bsv', 'confirmed'));
    const pointsBefore = Number(await page.locator('#chart-queue').getAttribute('data-points'));

    const publish = createClient(PublishService, createConnectTransport({ baseUrl: node.url, httpVersion: '1.1' }));
    const creator = newCreator();
    const intents = Array.from({ length: 5 }, () => creator.intent({ targets: ['bsv'] }));
    for (const intentJson of intents) await publish.publish({ intentJson });
    await publish.publish({ intentJson: intents[0]! }); // a replay: the same envelope again

    // The live table and charts move on with every refresh; the hour's history gains the batch.
    await expect.poll(async () => Number(await figure(page, 'bsv', 'confirmed')), SLOW).toBe(confirmedBefore + 5);
    await expect.poll(async () => Number(await page.locator('#chart-queue').getAttribute('data-points')), SLOW).toBeGreaterThan(pointsBefore);
    await expect.poll(() => page.locator('#published-total').textContent(), SLOW).toMatch(/^bsv [1-9]/);
    expect(await page.locator('#chart-published rect').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#intents').textContent(), SLOW).toMatch(/^accepted 5, duplicate 1, refused 0/);
    await expect.poll(() => page.locator('#replays-total').textContent(), SLOW).toBe('1');
    expect(await page.locator('#chart-replays rect').count()).toBe(1);
    // UTXO churn: the batch spent a pool output and added its change.
    expect(await page.locator('#chart-churn rect[data-series="spent"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
