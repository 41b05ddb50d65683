import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import { createArweaveAdapter } from '../../adapters/arweave/index.ts';
import { ConfigError } from '../config/index.ts';
import { ensureSecretFile } from '../secret-file.ts';
import type { ChainContext } from './chain-context.ts';
import type { ConfiguredChain } from './chain-runtime.ts';
import { loadDevnetEndpoints, saveDevnetEndpoints } from './devnet-endpoints.ts';
import { readPipelineSettings } from './pipeline-settings.ts';

const DEV_FUNDING_WINSTON = 1_000_000_000_000_000n; // 1,000 AR

/**
 * chains.arweave: the gateway, the operator wallet (a JWK file), the mode, depth and batching, all
 * read before anything starts. In the dev profile, without chains.arweave.gatewayUrl, arlocal is
 * started in the data directory and the dev wallet is funded.
 */
export async function arweaveChain({ config, log, role }: ChainContext): Promise<ConfiguredChain> {
  const s = config.settings;
  const dev = config.profile === 'dev';
  const walletFile = s.optionalStr('chains.arweave.walletFile', 'PUBLISHER_ARWEAVE_WALLET_FILE');
  const walletText =
    s.secret('PUBLISHER_ARWEAVE_WALLET') ??
    secretFromFile(walletFile) ??
    (dev ? await ensureSecretFile(join(config.dataDir, 'arweave-wallet.json'), generateWalletJson) : undefined);
  if (!walletText) throw new ConfigError('the Arweave wallet is required: PUBLISHER_ARWEAVE_WALLET (JWK JSON) or chains.arweave.walletFile');
  let wallet: JWKInterface;
  try {
    wallet = JSON.parse(walletText) as JWKInterface;
  } catch {
    throw new ConfigError('the Arweave wallet must be a JWK in JSON (as arweave wallets are saved)');
  }

  const gatewayUrl = s.optionalStr('chains.arweave.gatewayUrl', 'PUBLISHER_ARWEAVE_GATEWAY');
  const network = s.str('chains.arweave.network', 'PUBLISHER_ARWEAVE_NETWORK', 'mainnet');
  if (!gatewayUrl && !dev) throw new ConfigError('chains.arweave.gatewayUrl (or PUBLISHER_ARWEAVE_GATEWAY) is required outside the dev profile, e.g. https://arweave.net');
  const mineIntervalMs = gatewayUrl ? 0 : s.int('chains.arweave.devnet.mineIntervalMs', 'PUBLISHER_ARWEAVE_DEVNET_MINE_MS', 1_000, 0, 3_600_000);

  const mode = s.oneOf('chains.arweave.mode', 'PUBLISHER_ARWEAVE_MODE', ['bundle', 'l1'] as const, 'bundle');
  const pipeline = readPipelineSettings(s, 'arweave', 'PUBLISHER_ARWEAVE', { batchSize: mode === 'l1' ? 1 : 500 });
  const settings = {
    wallet,
    mode,
    maxRecordsPerTransaction: pipeline.batchSize,
    confirmationDepth: s.int('chains.arweave.confirmationDepth', 'PUBLISHER_ARWEAVE_CONFIRMATION_DEPTH', 18, 1, 10_000),
    timeoutMs: s.int('chains.arweave.timeoutMs', 'PUBLISHER_ARWEAVE_TIMEOUT_MS', 30_000, 100, 600_000),
    log, // the adapter binds its own name (`chain`)
  };
  const fundingAlarm = BigInt(s.int('chains.arweave.fundingAlarmWinston', null, 1_000_000_000_000, 0, Number.MAX_SAFE_INTEGER));

  return {
    async start() {
      if (gatewayUrl) return { adapter: createArweaveAdapter({ gatewayUrl, network, ...settings }), pipeline, unit: 'winston', fundingAlarm, pool: null, stop: async () => undefined };
      const devnet = role === 'server' ? await startDevnet(config.dataDir, wallet, mineIntervalMs, log) : await attachDevnet(config.dataDir);
      try {
        return { adapter: createArweaveAdapter({ gatewayUrl: devnet.url, network: 'devnet', ...settings }), pipeline, unit: 'winston', fundingAlarm, pool: null, stop: devnet.stop };
      } catch (error) {
        await devnet.stop();
        throw error;
      }
    },
  };
}

interface DevnetGateway {
  url: string;
  stop(): Promise<void>;
}

async function startDevnet(dataDir: string, wallet: JWKInterface, mineIntervalMs: number, log: ChainContext['log']): Promise<DevnetGateway> {
  const { startArweaveDevnet } = await import('../../devnet/arweave/index.ts');
  const devnet = await startArweaveDevnet({
    dir: join(dataDir, 'arweave'),
    log: log.child({ component: 'arweave-devnet' }),
    fund: [{ address: addressOf(wallet), winston: DEV_FUNDING_WINSTON }],
    mineIntervalMs,
  });
  await saveDevnetEndpoints(dataDir, 'arweave', { gatewayUrl: devnet.url });
  log.info({ gatewayUrl: devnet.url }, 'local Arweave gateway (arlocal) started');
  return { url: devnet.url, stop: () => devnet.stop() };
}

async function attachDevnet(dataDir: string): Promise<DevnetGateway> {
  const url = (await loadDevnetEndpoints(dataDir, 'arweave'))['gatewayUrl'];
  if (!url) throw new ConfigError(`the saved endpoint of the local Arweave gateway in ${dataDir} is missing: restart the node`);
  return { url, stop: async () => undefined };
}

/** A 4096-bit RSA key with exponent 65537, saved as Arweave wallets are: a JWK. */
/** A new operator wallet (RSA-4096 JWK) as JSON text, as arweave wallets are saved. */
export function generateWalletJson(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 4096, publicExponent: 65537 });
  return JSON.stringify(privateKey.export({ format: 'jwk' }));
}

/** The wallet's Arweave address: base64url of SHA-256 of its modulus. */
export function addressOf(wallet: JWKInterface): string {
  return createHash('sha256').update(Buffer.from(wallet.n, 'base64url')).digest('base64url');
}

function secretFromFile(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read chains.arweave.walletFile ${path}: ${(cause as Error).message}`);
  }
}
