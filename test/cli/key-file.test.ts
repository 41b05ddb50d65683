import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportKey, exportKeyFile, generateKey, importKeyFile, verifyIntent } from '../../sdk/index.ts';
import { newArweaveJwk } from '../sdk/support/rsa-jwk.ts';
import { runCli } from './support/run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-cli-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], input?: string) => runCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });

async function writeJson(name: string, value: unknown): Promise<string> {
  await writeFile(join(dir, name), JSON.stringify(value));
  return name;
}

/** Signs a record with the key file offline and returns the signer the intent names. */
async function signWith(file: string): Promise<{ scheme: string; publicKey: string }> {
  const signed = await cli(['sign', '-', '--key', file, '--to', 'bsv'], JSON.stringify({ type: 'post', body: file }));
  expect(signed, file).toMatchObject({ code: 0, stderr: '' });
  expect(await verifyIntent(signed.stdout.trim()), file).toBe(true);
  return (JSON.parse(signed.stdout) as { signer: { scheme: string; publicKey: string } }).signer;
}

describe('the CLI reads the one key-file format, and the older forms', () => {
  it('keygen writes {type: "chain-publisher-key", version: 1, …}, which the SDK (and so the web page) imports as the same key', async () => {
    const made = await cli(['keygen', '--out', 'alice.json', '--json']);
    expect(made.code).toBe(0);
    const { publicKey } = JSON.parse(made.stdout) as { publicKey: string };
    const file = JSON.parse(await readFile(join(dir, 'alice.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['type', 'version', 'scheme', 'publicKey', 'secretKeyHex']);
    expect(file).toMatchObject({ type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', publicKey });
    expect((await importKeyFile(file)).publicKey).toBe(publicKey);
    expect(await signWith('alice.json')).toEqual({ scheme: 'secp256k1', publicKey });
  }, 120_000);

  it("signs with the SDK's key file (the page's export), the former CLI file, the page's former export and a bare Arweave wallet", async () => {
    const key = await generateKey('secp256k1');
    const wallet = newArweaveJwk();
    const files: [string, unknown, { scheme: string; publicKey: string }][] = [
      ['sdk.json', await exportKeyFile(key), key],
      ['former-cli.json', { publicKey: key.publicKey, ...(await exportKey(key)) }, key],
      ['former-page.json', await exportKey(key), key],
      ['wallet.json', wallet, { scheme: 'arweave-rsa-pss', publicKey: wallet.n }],
    ];
    for (const [name, value, signer] of files) {
      await writeJson(name, value);
      expect(await signWith(name), name).toEqual({ scheme: signer.scheme, publicKey: signer.publicKey });
    }
  }, 120_000);

  it('refuses a public-only file for signing, and a file whose public key is not its private key\'s, with exit 2 naming the file', async () => {
    const key = await generateKey('secp256k1');
    const other = await generateKey('secp256k1');
    await writeJson('public.json', { type: 'chain-publisher-key', version: 1, scheme: 'secp256k1', publicKey: key.publicKey });
    await writeJson('mismatch.json', { ...(await exportKeyFile(key)), publicKey: other.publicKey });
    await writeJson('future.json', { ...(await exportKeyFile(key)), version: 2 });

    const publicOnly = await cli(['sign', '-', '--key', 'public.json', '--to', 'bsv'], '{"type":"post"}');
    expect(publicOnly.code).toBe(2);
    expect(publicOnly.stderr).toContain('the key file public.json holds no private key');
    const mismatch = await cli(['sign', '-', '--key', 'mismatch.json', '--to', 'bsv'], '{"type":"post"}');
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('the key file mismatch.json: "publicKey" is not the public key of the private key beside it');
    const future = await cli(['sign', '-', '--key', 'future.json', '--to', 'bsv'], '{"type":"post"}');
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('the key file future.json: "version" is 2; only version 1 is known here');
  }, 120_000);
});
