import type { JWKInterface } from 'arweave/node/lib/wallet.js';
import type { ChainPlugin, PluginContext } from '../../core/plugin/index.ts';
import { PluginSettingError } from '../../core/plugin/index.ts';
import { arweaveVerifier } from '../../sdk/verify/arweave/arweave-verifier.ts';
import type { ArweaveMode, ItemSigner } from './arweave-adapter-options.ts';
import { createArweaveAdapter } from './create-arweave-adapter.ts';
import { addressOf, generateWalletJson } from './dev-wallet.ts';

/** What the dev profile's local gateway pays the operator wallet: 1,000 AR. */
const DEV_FUNDING_WINSTON = 1_000_000_000_000_000n;

/**
 * Arweave as a chain plugin: the gateway, the operator wallet (a JWK), the mode and depth. In the
 * dev profile, without gatewayUrl, the node starts arlocal behind the local gateway
 * (devnet/arweave) and funds the wallet.
 */
const arweavePlugin: ChainPlugin = {
  name: 'arweave',
  funding: { model: 'account', unit: 'winston' },
  settings: [
    {
      key: 'wallet',
      type: 'string',
      secret: true,
      required: true,
      doc: 'the operator wallet: a JWK in JSON, as Arweave wallets are saved (dev: generated in the data directory)',
      devSecret: { file: 'arweave-wallet.json', generate: generateWalletJson },
    },
    { key: 'gatewayUrl', type: 'string', aliases: { env: ['PUBLISHER_ARWEAVE_GATEWAY'] }, doc: 'the gateway, e.g. https://arweave.net; required outside the dev profile (dev without it: arlocal)' },
    { key: 'network', type: 'string', default: 'mainnet', doc: 'the network name proofs carry ("devnet" with arlocal)' },
    { key: 'mode', type: 'string', values: ['bundle', 'l1'], default: 'bundle', doc: 'bundle: one ANS-104 item per record in one bundle; l1: one layer-1 transaction per record' },
    {
      key: 'itemSigner',
      type: 'string',
      values: ['ed25519', 'wallet'],
      default: 'ed25519',
      doc: "bundle mode: ed25519 signs items with the operator's log key (ANS-104 type 2); wallet with the RSA-4096 wallet (type 1). The wallet signs and pays for each bundle either way",
    },
    { key: 'confirmationDepth', type: 'integer', default: 18, min: 1, max: 10_000, doc: 'confirmations after which a publication is CONFIRMED' },
    { key: 'timeoutMs', type: 'integer', default: 30_000, min: 100, max: 600_000, doc: 'per HTTP exchange with the gateway' },
    { key: 'devnet.mineIntervalMs', type: 'integer', default: 1_000, min: 0, max: 3_600_000, aliases: { env: ['PUBLISHER_ARWEAVE_DEVNET_MINE_MS'] }, doc: 'arlocal mines a block this often (0: only when asked)' },
  ],
  core: {
    defaults: (settings) => ({ batchSize: settings['mode'] === 'l1' ? 1 : 500, fundingAlarm: 1_000_000_000_000n }),
    aliases: { fundingAlarm: { keys: ['fundingAlarmWinston'] } },
  },
  devnet: {
    wanted: (settings) => settings['gatewayUrl'] === undefined,
    async start({ settings, secrets, dataDir, log }) {
      const { startArweaveDevnet } = await import('../../devnet/arweave/index.ts');
      const devnet = await startArweaveDevnet({
        dir: dataDir,
        log: log.child({ component: 'arweave-devnet' }),
        fund: [{ address: addressOf(parseWallet(secrets['wallet']!)), winston: DEV_FUNDING_WINSTON }],
        mineIntervalMs: settings['devnet.mineIntervalMs'] as number,
      });
      log.info({ gatewayUrl: devnet.url }, 'local Arweave gateway (arlocal) started');
      return { endpoints: { gatewayUrl: devnet.url }, stop: () => devnet.stop() };
    },
  },
  async start(context) {
    return { adapter: createArweaveAdapter({ ...gateway(context), ...adapterSettings(context) }), stop: async () => undefined };
  },
  verifier: arweaveVerifier,
};

function gateway({ settings, devnet }: PluginContext): { gatewayUrl: string; network: string } {
  if (devnet) return { gatewayUrl: devnet['gatewayUrl']!, network: 'devnet' };
  const gatewayUrl = settings['gatewayUrl'] as string | undefined;
  if (gatewayUrl === undefined) throw new PluginSettingError('gatewayUrl', 'gatewayUrl is required outside the dev profile, e.g. https://arweave.net');
  return { gatewayUrl, network: settings['network'] as string };
}

function adapterSettings({ settings, secrets, batchSize, log, operatorKey }: PluginContext) {
  const itemSigner = settings['itemSigner'] as ItemSigner;
  return {
    wallet: parseWallet(secrets['wallet']!),
    mode: settings['mode'] as ArweaveMode,
    itemSigner,
    ...(itemSigner === 'ed25519' ? { itemKey: operatorKey } : {}),
    maxRecordsPerTransaction: batchSize,
    confirmationDepth: settings['confirmationDepth'] as number,
    timeoutMs: settings['timeoutMs'] as number,
    log, // the adapter binds its own name (`chain`)
  };
}

function parseWallet(text: string): JWKInterface {
  try {
    return JSON.parse(text) as JWKInterface;
  } catch (cause) {
    throw new PluginSettingError('wallet', 'the wallet must be a JWK in JSON (as Arweave wallets are saved)', { cause });
  }
}

export default arweavePlugin;
