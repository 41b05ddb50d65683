import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function sources(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
}

describe('the SDK in a browser bundle', () => {
  it('bundles with esbuild for the browser, with no node: imports in the output, and the bundle works', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sdk-bundle-'));
    dirs.push(dir);
    const outfile = join(dir, 'sdk.js');
    const result = await build({ absWorkingDir: root, entryPoints: ['sdk/index.ts'], bundle: true, platform: 'browser', format: 'esm', outfile, logLevel: 'silent' });
    expect(result.errors).toEqual([]);
    const text = await readFile(outfile, 'utf8');
    expect(text).not.toMatch(/require\(["']node:/);
    expect(text).not.toMatch(/from ["']node:/);

    const sdk = (await import(pathToFileURL(outfile).href)) as typeof import('../../sdk/index.ts');
    const key = await sdk.importKey({ scheme: 'secp256k1', secretKeyHex: '11'.repeat(32) });
    const intent = await sdk.signIntent(sdk.buildIntent({ record: { a: 1 }, targets: ['bsv'], signer: key, nonce: 'AQEBAQEBAQEBAQEBAQEBAQ', timestamp: '2026-11-21T23:00:00.000Z' }), key);
    expect(await sdk.verifyIntent(intent)).toBe(true);
  });

  it('has no Node-only API in its sources (node: modules, Buffer, process)', async () => {
    for (const file of await sources(join(root, 'sdk'))) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:|import\(['"]node:|\brequire\(/);
      expect(text, file).not.toMatch(/\bBuffer\b/);
      expect(text, file).not.toMatch(/\bprocess\./);
    }
  });
});
