import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_PAGE_CSP } from '../../server/http/web-page-route.ts';
import { runCli } from '../cli/support/run-cli.ts';
import { spawnNode, type SpawnedNode } from '../support/spawn-node.ts';
import { startTestNode, TEST_ADMIN_TOKEN, type TestNode } from '../support/test-node.ts';

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
/** Generous: the machine may be busy; nothing here measures speed. */
const SLOW = { timeout: 240_000 };

/** A page that records every console error and uncaught exception it produces. */
async function openPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(WEB_PAGE_CSP);
  await expect.poll(() => page.locator('#node-info').textContent(), SLOW).toMatch(/chains: bsv/);
  return { page, errors };
}

async function createKey(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect.poll(() => page.locator('#address').textContent()).toMatch(/^[mn][1-9A-HJ-NP-Za-km-z]{25,34}$/);
  return (await page.locator('#public-key').textContent()) ?? '';
}

async function download(page: Page, button: string): Promise<{ name: string; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

describe('the web page in headless Chromium', () => {
  let browser: Browser;
  let devNode: SpawnedNode;
  let devDataDir: string;
  let closedNode: TestNode;
  let scratch: string;

  beforeAll(async () => {
    // No skipping: a missing browser fails the suite with what to do.
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set PUBLISHER_CHROMIUM)`);
    await mkdir(ARTIFACTS, { recursive: true });
    devDataDir = await mkdtemp(join(tmpdir(), 'publisher-page-dev-'));
    scratch = await mkdtemp(join(tmpdir(), 'publisher-page-cli-'));
    // The dev node is what `npm start` runs, configured with nothing: embedded PostgreSQL, both
    // local chains, the dev profile's defaults. Playwright gives each launch a fresh temporary
    // user-data-dir and removes it on close.
    [browser, devNode, closedNode] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
      spawnNode(['start'], { PUBLISHER_DATA_DIR: devDataDir }, 240_000),
      startTestNode({ PUBLISHER_CHAINS: 'bsv', PUBLISHER_INLINE_WORKERS: 'false' }),
    ]);
  }, 300_000);
  afterAll(async () => {
    if (devNode?.child.exitCode === null) devNode.child.kill('SIGTERM');
    await Promise.all([browser?.close(), devNode?.exited, closedNode?.stop()]);
    await Promise.all([rm(devDataDir, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);
  }, 120_000);

  it('from a fresh `npm start`: creates a key, publishes to every chain, shows them confirmed live, verifies the proof in the page; its exported key signs in the CLI; a stopped node is said to be unreachable', async () => {
    const { page, errors } = await openPage(browser, `${devNode.url}/`);
    expect(await page.locator('#node-info').textContent()).toMatch(/chains: bsv \(regtest\), arweave \(devnet\) · any key may publish/);
    const publicKey = await createKey(page);
    expect(await page.locator('#registration').isHidden()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'bsv' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'arweave' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Sign and publish' }).click();

    for (const chain of ['bsv', 'arweave']) {
      const item = page.locator(`#status li[data-chain="${chain}"]`);
      await expect.poll(() => item.getAttribute('data-status'), SLOW).toBe('CONFIRMED');
      expect(await item.textContent(), chain).toMatch(/QUEUED → .*CONFIRMED.*\d+ confirmations?/);
    }
    const recordId = await page.locator('#record-id').textContent();
    expect(recordId).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#receipt').textContent()).toContain("✓ in the operator's log, under a checkpoint signed with its log key");

    const proofFile = await download(page, 'Download proof');
    expect(proofFile.name).toBe(`proof-${recordId}.json`);
    const proof = JSON.parse(await readFile(proofFile.path, 'utf8')) as { anchors: { chain: string }[] };
    expect(proof.anchors.map((anchor) => anchor.chain).sort()).toEqual(['arweave', 'bsv']);
    await expect.poll(() => page.locator('#verdict').textContent(), SLOW).toContain('✓ The proof verifies');
    const checks = await page.locator('#checks li').allTextContents();
    expect(checks.length).toBeGreaterThanOrEqual(10);
    expect(checks.filter((check) => !check.startsWith('✓'))).toEqual([]);
    expect(await page.locator('#log-checkpoint').textContent()).toMatch(/^✓ Receipt verified against checkpoint dev\.chain-publisher\.localhost\/[0-9a-f]{16}, tree size \d+, root \S+$/);
    // The dev profile anchors the log every 10 s: a proof downloaded again soon carries it, anchored on both chains.
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Download proof' }).click();
        await expect.poll(() => page.getByRole('button', { name: 'Download proof' }).isEnabled(), SLOW).toBe(true);
        return `${await page.locator('#log-anchored').textContent()} | ${await page.locator('#checkpoint-anchors li').count()} chains`;
      }, { ...SLOW, interval: 5_000 })
      .toMatch(/^✓ Anchored checkpoint: tree size \d+, signed with the log key and consistent with the receipt's \| 2 chains$/);
    const where = await page.locator('#checkpoint-anchors li').allTextContents();
    expect(where.join('\n')).toMatch(/bsv ✓ holds the checkpointtx [0-9a-f]{64}block \d+ · \d+ confirmations?/);
    expect(where.join('\n')).toMatch(/arweave ✓ holds the checkpointitem \S{43} in bundle \S{43}block \d+ · \d+ confirmations?/);
    expect((await page.locator('#checks li').allTextContents()).filter((check) => !check.startsWith('✓'))).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}page.png`, fullPage: true });

    // The exported key file is the CLI's: it signs as the page's key.
    const keyFile = await download(page, 'Export key');
    expect(JSON.parse(await readFile(keyFile.path, 'utf8'))).toMatchObject({ type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', publicKey });
    const signed = await runCli(['sign', '-', '--key', keyFile.path, '--to', 'bsv'], { cwd: scratch, input: '{"type":"post"}' });
    expect(signed.code, signed.stderr).toBe(0);
    expect(JSON.parse(signed.stdout)).toMatchObject({ signer: { scheme: 'secp256k1', publicKey } });

    devNode.child.kill('SIGTERM');
    expect(await devNode.exited).toBe(0);
    await page.getByRole('button', { name: 'Sign and publish' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), SLOW).toContain('The node cannot be reached: it may have stopped, or this computer is offline.');
    expect(await alert.textContent()).not.toContain('UNKNOWN');
    await page.screenshot({ path: `${ARTIFACTS}page-node-down.png`, fullPage: true });
    // Chromium logs each refused connection as a console error; they are the only ones allowed.
    expect(errors.filter((text) => !/ERR_CONNECTION_REFUSED/.test(text))).toEqual([]);
  }, 600_000);

  it('with registration closed: shows the command the operator runs, with the key filled in and a copy button; once it is run, the page publishes', async () => {
    const { page, errors } = await openPage(browser, `${closedNode.url}/`);
    expect(await page.locator('#node-info').textContent()).toContain('registered keys only');
    const publicKey = await createKey(page);

    const command = `npx publisher keys register --public-key ${publicKey} --label web-page --node ${closedNode.url}`;
    expect(await page.locator('#registration').isVisible()).toBe(true);
    expect(await page.locator('#register-command').textContent()).toBe(command);
    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Copied.');
    // In the page, where the DOM's globals are (the test's tsconfig has no DOM types).
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(command);

    await page.getByRole('button', { name: 'Sign and publish' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), SLOW).toContain(
      'This node publishes only for keys its operator has registered. Ask the operator to run the command shown under your key, then publish again.',
    );
    expect(await alert.textContent()).toContain('KEY_NOT_REGISTERED');
    expect(await page.locator('#status li').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download proof' }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}page-refused.png`, fullPage: true });

    // What the page says, run as it says (the admin token from the environment).
    const [npx, publisher, ...args] = command.split(' ');
    expect([npx, publisher]).toEqual(['npx', 'publisher']);
    const registered = await runCli(args, { cwd: scratch, env: { PUBLISHER_ADMIN_TOKEN: TEST_ADMIN_TOKEN } });
    expect(registered.code, registered.stderr).toBe(0);

    await page.getByRole('button', { name: 'Sign and publish' }).click();
    await expect.poll(() => page.locator('#record-id').textContent(), SLOW).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByRole('alert').isHidden()).toBe(true);
    expect(await page.locator('#status li[data-chain="bsv"]').getAttribute('data-status')).toBe('QUEUED');
    // Chromium logs every 4xx response as a console error; the refusal's 403 is the only one allowed.
    expect(errors.filter((text) => !/status of 403/.test(text))).toEqual([]);
  }, 300_000);

  it('imports a key file `publisher keygen` wrote, refuses a file that is not a key in words, and explains that a chain must be chosen', async () => {
    const made = await runCli(['keygen', '--out', 'cli-key.json', '--json'], { cwd: scratch });
    expect(made.code, made.stderr).toBe(0);
    const { publicKey } = JSON.parse(made.stdout) as { publicKey: string };
    const { page, errors } = await openPage(browser, `${closedNode.url}/`);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import key…' }).click()]);
    await chooser.setFiles(join(scratch, 'cli-key.json'));
    await expect.poll(() => page.locator('#public-key').textContent()).toBe(publicKey);
    expect(await page.locator('#register-command').textContent()).toContain(`--public-key ${publicKey} `);

    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import key…' }).click()]);
    await again.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"type":"shopping-list","version":1}') });
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('This file is not a key this page can use.');
    expect(await page.locator('#public-key').textContent()).toBe(publicKey);

    const publish = page.getByRole('button', { name: 'Sign and publish' });
    expect(await publish.isEnabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'bsv' }).uncheck();
    expect(await publish.isDisabled()).toBe(true);
    expect(await page.locator('#targets-hint').textContent()).toBe('Choose at least one chain to publish to.');
    await page.screenshot({ path: `${ARTIFACTS}page-no-target.png`, fullPage: true });
    await page.getByRole('checkbox', { name: 'bsv' }).check();
    expect(await publish.isEnabled()).toBe(true);
    expect(await page.locator('#targets-hint').textContent()).toBe('');
    expect(errors).toEqual([]);
  }, 300_000);

  it('serves the page and its assets with their types, no-cache validators and the CSP', async () => {
    const expected = { '/': 'text/html', '/app.js': 'text/javascript', '/app.css': 'text/css' };
    for (const [path, type] of Object.entries(expected)) {
      const response = await fetch(`${closedNode.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(`${type}; charset=utf-8`);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-security-policy'), path).toBe(WEB_PAGE_CSP);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const etag = response.headers.get('etag') ?? '';
      expect((await fetch(`${closedNode.url}${path}`, { headers: { 'if-none-match': etag } })).status, path).toBe(304);
    }
    const head = await fetch(`${closedNode.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(WEB_PAGE_CSP).toContain("script-src 'self'");
    expect(WEB_PAGE_CSP).toContain("connect-src 'self'");
    expect(WEB_PAGE_CSP).toContain("default-src 'none'");
  });
});
