import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createBsvAdapter } from '../../adapters/bsv/index.ts';
import { ConfigError } from '../config/index.ts';
import { ensureSecretFile } from '../secret-file.ts';
import type { ChainContext } from './chain-context.ts';
import type { ConfiguredChain } from './chain-runtime.ts';
import { loadDevnetEndpoints, saveDevnetEndpoints } from './devnet-endpoints.ts';
import { readPipelineSettings } from './pipeline-settings.ts';

const DEV_FUNDING = { satoshis: 1_000_000_000, outputs: 5 };

/**
 * chains.bsv: ARC (and WhatsOnChain) endpoints, the funding key, fees, depth, batching and pool
 * settings, all read before anything starts. In the dev profile, without chains.bsv.arcUrl, a local
 * BSV node is started in the data directory and the dev funding key is paid at its first start.
 */
export async function bsvChain({ config, log, role }: ChainContext): Promise<ConfiguredChain> {
  const s = config.settings;
  const dev = config.profile === 'dev';
  const fundingKeyFile = s.optionalStr('chains.bsv.fundingKeyFile', 'PUBLISHER_BSV_FUNDING_KEY_FILE');
  const fundingKey =
    s.secret('PUBLISHER_BSV_FUNDING_KEY') ||
    secretFromFile(fundingKeyFile) ||
    (dev ? await ensureSecretFile(join(config.dataDir, 'bsv-funding-key'), () => randomSecretHex()) : undefined);
  if (!fundingKey) throw new ConfigError('the BSV funding key is required: PUBLISHER_BSV_FUNDING_KEY (WIF or 64 hex) or chains.bsv.fundingKeyFile');

  const arcUrl = s.optionalStr('chains.bsv.arcUrl', 'PUBLISHER_BSV_ARC_URL');
  const wocUrl = s.optionalStr('chains.bsv.wocUrl', 'PUBLISHER_BSV_WOC_URL');
  const network = s.oneOf('chains.bsv.network', 'PUBLISHER_BSV_NETWORK', ['mainnet', 'testnet', 'regtest'] as const, dev && !arcUrl ? 'regtest' : 'mainnet');
  if (!arcUrl && !dev) throw new ConfigError('chains.bsv.arcUrl (or PUBLISHER_BSV_ARC_URL) is required outside the dev profile');
  const blockIntervalMs = arcUrl ? 0 : s.int('chains.bsv.devnet.blockIntervalMs', 'PUBLISHER_BSV_DEVNET_BLOCK_MS', 5_000, 0, 3_600_000);
  if (arcUrl && !wocUrl) throw new ConfigError('chains.bsv.wocUrl (or PUBLISHER_BSV_WOC_URL) is required: the WhatsOnChain API base including the network, e.g. https://api.whatsonchain.com/v1/bsv/main');

  const pipeline = readPipelineSettings(s, 'bsv', 'PUBLISHER_BSV');
  const arcApiKey = s.secret('PUBLISHER_BSV_ARC_API_KEY');
  const callbackUrl = s.optionalStr('chains.bsv.callbackUrl', null);
  const callbackToken = s.secret('PUBLISHER_BSV_CALLBACK_TOKEN');
  const settings = {
    fundingKey,
    broadcaster: s.oneOf('chains.bsv.broadcaster', null, ['arc', 'woc'] as const, 'arc'),
    feeRateSatPerKb: s.int('chains.bsv.feeRateSatPerKb', 'PUBLISHER_BSV_FEE_RATE', 1, 0, 1_000_000),
    maxRecordsPerTransaction: pipeline.batchSize,
    confirmationDepth: s.int('chains.bsv.confirmationDepth', 'PUBLISHER_BSV_CONFIRMATION_DEPTH', 1, 1, 1_000),
    timeoutMs: s.int('chains.bsv.timeoutMs', 'PUBLISHER_BSV_TIMEOUT_MS', 30_000, 100, 600_000),
    log, // the adapter binds its own name (`chain`)
    ...(arcApiKey && { arcApiKey }),
    ...(callbackUrl && { callbackUrl }),
    ...(callbackToken && { callbackToken }),
  };
  const fundingAlarm = BigInt(s.int('chains.bsv.fundingAlarmSatoshis', 'PUBLISHER_BSV_FUNDING_ALARM', 100_000, 0, Number.MAX_SAFE_INTEGER));
  const pool = {
    minUtxos: s.int('chains.bsv.pool.minUtxos', null, 20, 0, 10_000),
    splitSatoshis: BigInt(s.int('chains.bsv.pool.splitSatoshis', null, 1_000_000, 1_000, Number.MAX_SAFE_INTEGER)),
    scanOnStart: s.bool('chains.bsv.pool.scanOnStart', null, dev),
  };

  return {
    async start() {
      if (arcUrl && wocUrl) return { adapter: createBsvAdapter({ network, arcUrl, wocUrl, ...settings }), pipeline, unit: 'satoshi', fundingAlarm, pool, stop: async () => undefined };
      const devnet = role === 'server' ? await startDevnet(config.dataDir, fundingKey, blockIntervalMs, log) : await attachDevnet(config.dataDir);
      try {
        const adapter = createBsvAdapter({ network: 'regtest', arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl, ...settings });
        return { adapter, pipeline, unit: 'satoshi', fundingAlarm, pool, stop: devnet.stop };
      } catch (error) {
        await devnet.stop();
        throw error;
      }
    },
  };
}

interface DevnetEndpoints {
  arcUrl: string;
  wocUrl: string;
  stop(): Promise<void>;
}

async function attachDevnet(dataDir: string): Promise<DevnetEndpoints> {
  const saved = await loadDevnetEndpoints(dataDir, 'bsv');
  if (!saved['arcUrl'] || !saved['wocUrl']) throw new ConfigError(`the saved endpoints of the local BSV node in ${dataDir} are incomplete: restart the node`);
  return { arcUrl: saved['arcUrl'], wocUrl: saved['wocUrl'], stop: async () => undefined };
}

async function startDevnet(dataDir: string, fundingKey: string, blockIntervalMs: number, log: ChainContext['log']): Promise<DevnetEndpoints> {
  const { startBsvDevnet } = await import('../../devnet/bsv/index.ts');
  const { PrivateKey } = await import('@bsv/sdk');
  const address = (/^[0-9a-f]{64}$/i.test(fundingKey) ? PrivateKey.fromHex(fundingKey) : PrivateKey.fromWif(fundingKey)).toAddress([0x6f]);
  const devnet = await startBsvDevnet({
    dir: join(dataDir, 'bsv'),
    log, // the devnet binds its own name (`module`)
    fund: [{ address, satoshis: DEV_FUNDING.satoshis, outputs: DEV_FUNDING.outputs }],
    blockIntervalMs,
  });
  await saveDevnetEndpoints(dataDir, 'bsv', { arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl });
  log.info({ arcUrl: devnet.arcUrl }, 'local BSV node (ARC API) started');
  return { arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl, stop: () => devnet.stop() };
}

function randomSecretHex(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
}

function secretFromFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (cause) {
    throw new ConfigError(`cannot read chains.bsv.fundingKeyFile ${path}: ${(cause as Error).message}`);
  }
}
