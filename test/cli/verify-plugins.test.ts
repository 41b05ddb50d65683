import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyProof } from '../sdk/support/toy-proof.ts';
import { runCli } from './support/run-cli.ts';

const toyPlugin = fileURLToPath(new URL('./support/toy-plugin', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-verify-plugins-'));
  await writeFile(join(dir, 'proof.json'), JSON.stringify(await toyProof()));
  // An installed package, as npm would place it, and the files of the failure cases.
  await mkdir(join(dir, 'node_modules'));
  await cp(toyPlugin, join(dir, 'node_modules', 'toy-chain-plugin'), { recursive: true });
  await writeFile(join(dir, 'no-default.mjs'), 'export const verifier = {};\n');
  await writeFile(join(dir, 'no-verifier.mjs'), "export default { name: 'toy' };\n");
  await writeFile(join(dir, 'throws.mjs'), "throw new Error('cannot start here');\n");
  await writeFile(join(dir, 'publisher.yaml'), `chains:\n  enabled: [toy]\n  plugins:\n    toy: ${toyPlugin}\n`);
  await writeFile(join(dir, 'misnamed.yaml'), `chains:\n  plugins:\n    other: ${toyPlugin}\n`);
  await writeFile(join(dir, 'by-package.yaml'), 'chains:\n  plugins:\n    toy: toy-chain-plugin\n');
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(['verify', 'proof.json', ...args], { cwd: dir });

describe('publisher verify with chain plugins (from the bundled CLI)', () => {
  it('fails an anchor of a chain no verifier checks, naming the chain', async () => {
    const run = await cli();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✗ anchor\.chain \(anchor 0\) +no verifier for chain "toy"/m);
  });

  it.each([
    ['--plugin with a path to the package folder (TypeScript, loaded through tsx)', ['--plugin', toyPlugin]],
    ['--config naming it in chains.plugins', ['--config', 'publisher.yaml']],
    ['--config naming an installed package', ['--config', 'by-package.yaml']],
  ])('uses the plugin\'s verifier: %s', async (_how, args) => {
    const run = await cli(...args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^✓ toy\.digest \(anchor 0\) +the digest is [0-9a-f]{64}$/m);
    expect(run.stdout).toMatch(/^ {2}- toy \(anchor 0\): line 3 holds it$/m);
  });

  it('leaves the online claim of a chain whose verifier has no online check unchecked, exit 3', async () => {
    const run = await cli('--plugin', toyPlugin, '--online');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^\? anchor\.online \(anchor 0\) +not checked: the toy verifier has no online check$/m);
  });

  it.each([
    ['a path that does not exist', ['--plugin', './missing.mjs'], /plugin \.\/missing\.mjs: .*missing\.mjs does not exist/],
    ['a package that is not installed', ['--plugin', 'chain-publisher-nowhere'], /plugin chain-publisher-nowhere: package chain-publisher-nowhere is not installed/],
    ['a module without a default export', ['--plugin', './no-default.mjs'], /plugin \.\/no-default\.mjs: .* has no default export/],
    ['a plugin without a verifier', ['--plugin', './no-verifier.mjs'], /plugin \.\/no-verifier\.mjs: it has no verifier/],
    ['a module that throws on import', ['--plugin', './throws.mjs'], /plugin \.\/throws\.mjs: importing .*throws\.mjs failed: cannot start here/],
    ['a plugin configured under another chain name', ['--config', 'misnamed.yaml'], /plugin other: it is the plugin of chain "toy", configured as "other"/],
    ['a configuration file that does not exist', ['--config', 'nowhere.yaml'], /cannot read the configuration file .*nowhere\.yaml/],
    ['an --api without a chain', ['--api', 'http://127.0.0.1:1', '--online'], /--api http:\/\/127\.0\.0\.1:1: expected <chain>=<url>/],
    ['an --api for a chain no verifier checks online', ['--api', 'toy=http://127.0.0.1:1', '--plugin', toyPlugin, '--online'], /no verifier of chain "toy" checks online/],
  ])('refuses %s with exit 2, naming the plugin and the problem', async (_what, args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
