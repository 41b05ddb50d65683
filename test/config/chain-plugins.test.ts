import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChains, stopChains } from '../../server/chains/registry.ts';
import { ConfigError, loadConfig } from '../../server/config/index.ts';
import { nodeInfo } from '../../server/node-info.ts';
import { FundingModel } from '../../proto/gen/publisher/v1/node_pb.ts';
import { testLogSigner } from '../support/log-signer.ts';

// A plugin as an operator's module would be: plain JavaScript, its start() keeping the context it got.
const MINI = `
export default {
  name: 'mini',
  funding: { model: 'none', unit: 'grain' },
  settings: [
    { key: 'endpoint', type: 'string', required: true, doc: 'where the chain listens', aliases: { keys: ['url'], env: ['PUBLISHER_MINI_URL'] } },
    { key: 'mode', type: 'string', values: ['fast', 'slow'], default: 'fast', doc: 'how' },
    { key: 'depth', type: 'integer', min: 1, max: 10, default: 2, doc: 'confirmations' },
    { key: 'strict', type: 'boolean', default: false, doc: 'strictness' },
    { key: 'limit', type: 'amount', min: 5n, doc: 'most grains per transaction' },
    { key: 'token', type: 'string', secret: true, required: true, doc: 'the operator token', devSecret: { file: 'mini-token', generate: () => 'generated-token' } },
  ],
  async start(context) {
    globalThis.miniContext = context;
    return { adapter: { name: 'mini', network: 'local', operatorAddress: 'mini-operator', capabilities: { maxRecordsPerTransaction: context.batchSize, maxRecordBytes: 1000, confirmationDepth: 1 }, funding: { model: 'none' } }, stop: async () => undefined };
  },
  verifier: { chain: 'mini', verify: async () => ({ checks: [] }) },
};
`;

let dir: string;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chain-plugins-'));
  await writeFile(join(dir, 'mini.mjs'), MINI);
  await writeFile(join(dir, 'throws.mjs'), "throw new Error('broken on import');\n");
  await writeFile(join(dir, 'nodefault.mjs'), 'export const plugin = {};\n');
  await writeFile(join(dir, 'other.mjs'), MINI.replace("name: 'mini'", "name: 'other'"));
  await writeFile(join(dir, 'nostart.mjs'), MINI.replace('async start(context)', 'async begin(context)'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function config(yaml: string, env: Record<string, string> = {}) {
  const path = join(dir, `publisher-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(path, yaml);
  return loadConfig({ PUBLISHER_DATA_DIR: join(dir, 'data'), ...env }, path);
}

async function failure(yaml: string, env: Record<string, string> = {}): Promise<string> {
  const error = await startChains({ config: await config(yaml, env), log, role: 'server' }).then(
    async (chains) => {
      await stopChains(chains);
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

const miniYaml = (settings: string) => `chains:\n  enabled: [mini]\n  plugins:\n    mini: ./mini.mjs\n  mini:\n${settings}`;

describe('chains from plugins: chains.enabled and chains.plugins', () => {
  it('refuses a chain that is neither built in nor named in chains.plugins, naming it and the built-in ones', async () => {
    expect(await failure('chains:\n  enabled: [nochain]\n')).toMatch(/^plugin nochain: unknown chain "nochain" in chains\.enabled .*not built in \(bsv, arweave\).*chains\.plugins\.nochain.*\(PLUGIN_NOT_FOUND\)$/);
  });

  it.each([
    ['./missing.mjs', /plugin mini: .*missing\.mjs does not exist \(PLUGIN_NOT_FOUND\)/],
    ['not-installed-plugin-package', /plugin mini: package not-installed-plugin-package is not installed .*\(PLUGIN_NOT_FOUND\)/],
    ['./throws.mjs', /plugin mini: importing .*throws\.mjs failed: broken on import \(PLUGIN_IMPORT_FAILED\)/],
    ['./nodefault.mjs', /plugin mini: .*nodefault\.mjs has no default export .*\(PLUGIN_INVALID\)/],
    ['./other.mjs', /plugin mini: it is the plugin of chain "other", configured as "mini" \(PLUGIN_INVALID\)/],
    ['./nostart.mjs', /plugin mini: start\(context\) is missing \(PLUGIN_INVALID\)/],
  ])('refuses chains.plugins.mini: %s naming the plugin and the problem', async (module, expected) => {
    expect(await failure(`chains:\n  enabled: [mini]\n  plugins:\n    mini: ${module}\n`)).toMatch(expected);
  });

  it('refuses chains.plugins for a chain that is not enabled', async () => {
    expect(await failure('chains:\n  enabled: [mini]\n  plugins:\n    mini: ./mini.mjs\n    spare: ./other.mjs\n  mini:\n    endpoint: x\n')).toMatch(/chains\.plugins names "spare", not in chains\.enabled/);
  });
});

describe("a plugin's declared settings", () => {
  it('reads them from chains.<name>.* and PUBLISHER_<NAME>_<KEY> (the environment winning), with defaults, and passes the context', async () => {
    const loaded = await config(miniYaml('    endpoint: http://file\n    depth: 3\n    limit: "123456789012345678901"\n    batch:\n      size: 7\n'), { PUBLISHER_MINI_STRICT: 'true', PUBLISHER_MINI_DEPTH: '4', PUBLISHER_MINI_TOKEN: 'from-env', PUBLISHER_MINI_MAX_ATTEMPTS: '3' });
    const chains = await startChains({ config: loaded, log, role: 'server' });
    try {
      const context = (globalThis as { miniContext?: Record<string, unknown> }).miniContext!;
      expect(context['settings']).toEqual({ endpoint: 'http://file', mode: 'fast', depth: 4, strict: true, limit: 123456789012345678901n });
      expect(context['secrets']).toEqual({ token: 'from-env' });
      expect(context).toMatchObject({ profile: 'dev', dataDir: join(dir, 'data', 'mini'), batchSize: 7 });
      expect(chains.get('mini')).toMatchObject({ unit: 'grain', pipeline: { batchSize: 7, maxAttempts: 3 }, pool: null, fundingAlarm: 0n });
      // GetInfo tells clients the chain's funding model and unit as the plugin declares them.
      expect(nodeInfo(loaded, chains, testLogSigner()).chains).toEqual([expect.objectContaining({ name: 'mini', fundingModel: FundingModel.NONE, fundingUnit: 'grain', maxRecordsPerTransaction: 7 })]);
    } finally {
      await stopChains(chains);
    }
  });

  it('answers to the declared aliases, and generates a declared dev secret in the chain\'s folder once', async () => {
    const chains = await startChains({ config: await config(miniYaml('    url: http://alias\n')), log, role: 'server' });
    await stopChains(chains);
    const context = (globalThis as { miniContext?: Record<string, unknown> }).miniContext!;
    expect(context['settings']).toMatchObject({ endpoint: 'http://alias' });
    expect(context['secrets']).toEqual({ token: 'generated-token' });
    expect(readFileSync(join(dir, 'data', 'mini', 'mini-token'), 'utf8').trim()).toBe('generated-token');
    const again = await startChains({ config: await config('chains:\n  enabled: [mini]\n  plugins:\n    mini: ./mini.mjs\n', { PUBLISHER_MINI_URL: 'http://env-alias' }), log, role: 'server' });
    await stopChains(again);
    expect((globalThis as { miniContext?: Record<string, unknown> }).miniContext!['settings']).toMatchObject({ endpoint: 'http://env-alias' });
  });

  it.each([
    ['    endpoint: x\n    depth: 11\n', {}, /^chain "mini": chains\.mini\.depth \(or PUBLISHER_MINI_DEPTH\) in .* must be an integer from 1 to 10, got 11$/],
    ['    endpoint: x\n', { PUBLISHER_MINI_MODE: 'medium' }, /^chain "mini": chains\.mini\.mode \(or PUBLISHER_MINI_MODE\) .*must be one of fast, slow, got "medium"$/],
    ['    endpoint: x\n    strict: sometimes\n', {}, /chains\.mini\.strict .*must be true or false, got "sometimes"/],
    ['    endpoint: x\n    limit: 4\n', {}, /chains\.mini\.limit .*must be a whole amount in the chain's unit, at least 5/],
    ['    endpoint: x\n    depht: 3\n', {}, /^chain "mini": unknown setting chains\.mini\.depht; it has endpoint, mode, depth, strict, limit, token, batch\.size/],
    ['    endpoint: x\n', { PUBLISHER_MINI_DEPHT: '3' }, /^chain "mini": unknown environment variable PUBLISHER_MINI_DEPHT; it has endpoint, mode, depth, strict, limit, token, batch\.size/],
    ['    endpoint: x\n', { PUBLISHER_MINI_POOL_MIN_UTXOS: '3' }, /^chain "mini": unknown environment variable PUBLISHER_MINI_POOL_MIN_UTXOS;/],
    ['    endpoint: x\n    token: in-the-file\n', {}, /^chain "mini": chains\.mini\.token in .* is a secret, never read from the configuration file: PUBLISHER_MINI_TOKEN, or the file named by PUBLISHER_MINI_TOKEN_FILE or chains\.mini\.tokenFile$/],
    ['    depth: 3\n', {}, /^chain "mini": endpoint is required: chains\.mini\.endpoint \(or PUBLISHER_MINI_ENDPOINT\)/],
    ['    endpoint: x\n    batch:\n      size: 0\n', {}, /chains\.mini\.batch\.size \(or PUBLISHER_MINI_BATCH_SIZE\) .*must be an integer from 1 to 100000, got 0/],
  ])('refuses %j %j naming the chain and the key', async (settings, env, expected) => {
    expect(await failure(miniYaml(settings), env)).toMatch(expected);
  });

  it('requires a secret outside the dev profile, read from the environment or a file, never generated', async () => {
    const production = { PUBLISHER_PROFILE: 'production', DATABASE_URL: 'postgres://x@h/db', PUBLISHER_ADMIN_TOKEN: 'x'.repeat(16), PUBLISHER_LOG_KEY: '11'.repeat(32), PUBLISHER_LOG_ORIGIN: 'example.com/log', PUBLISHER_DATA_DIR: join(dir, 'production') };
    expect(await failure(miniYaml('    endpoint: x\n'), production)).toMatch(/^chain "mini": token is required: PUBLISHER_MINI_TOKEN, or the file named by PUBLISHER_MINI_TOKEN_FILE or chains\.mini\.tokenFile \(the operator token\)$/);
    await writeFile(join(dir, 'token-file'), 'from-a-file\n');
    const chains = await startChains({ config: await config(miniYaml(`    endpoint: x\n    tokenFile: ${join(dir, 'token-file')}\n`), production), log, role: 'server' });
    await stopChains(chains);
    expect((globalThis as { miniContext?: Record<string, unknown> }).miniContext!['secrets']).toEqual({ token: 'from-a-file' });
    expect(existsSync(join(dir, 'production'))).toBe(false);
  });
});
