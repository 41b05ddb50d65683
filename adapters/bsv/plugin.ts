import type { ChainPlugin, PluginContext, SettingValues } from '../../core/plugin/index.ts';
import { PluginSettingError } from '../../core/plugin/index.ts';
import { bsvVerifier } from '../../sdk/verify/bsv/bsv-verifier.ts';
import { ArcCallbackBook } from './arc-callback-book.ts';
import { ARC_CALLBACK_PATH, arcCallbackRoute } from './arc-callback-route.ts';
import { arcCallbackUrlProblem, type BsvNetwork } from './bsv-adapter-options.ts';
import { createBsvAdapter } from './create-bsv-adapter.ts';
import { readFundingKey } from './funding-key.ts';

/** What the dev profile's local node pays the funding key at its first start. */
const DEV_FUNDING = { satoshis: 1_000_000_000, outputs: 5 };

/**
 * BSV as a chain plugin: ARC (and WhatsOnChain) endpoints, the funding key, fees and depth. In the
 * dev profile, without arcUrl, the node starts the local BSV node (devnet/bsv) and the adapter
 * talks to it.
 */
const bsvPlugin: ChainPlugin = {
  name: 'bsv',
  funding: { model: 'utxo', unit: 'satoshi' },
  settings: [
    {
      key: 'fundingKey',
      type: 'string',
      secret: true,
      required: true,
      doc: 'the operator funding key: WIF of a compressed key, or 64 hex (dev: generated in the data directory)',
      devSecret: { file: 'bsv-funding-key', generate: () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex') },
    },
    { key: 'arcUrl', type: 'string', doc: "ARC's base URL; required outside the dev profile (dev without it: the local BSV node)" },
    { key: 'wocUrl', type: 'string', doc: 'the WhatsOnChain API base including the network, e.g. https://api.whatsonchain.com/v1/bsv/main; required with arcUrl' },
    { key: 'network', type: 'string', values: ['mainnet', 'testnet', 'regtest'], doc: 'mainnet (default), testnet or regtest; regtest with the local node' },
    { key: 'arcApiKey', type: 'string', secret: true, doc: "sent to ARC as Authorization: Bearer <key>" },
    { key: 'wocApiKey', type: 'string', secret: true, doc: 'sent to WhatsOnChain as Authorization: <key>' },
    { key: 'callbackUrl', type: 'string', doc: `ARC's X-CallbackUrl: this node's /chains/bsv/${ARC_CALLBACK_PATH} as ARC reaches it (not localhost); needs callbackToken` },
    { key: 'callbackToken', type: 'string', secret: true, doc: "ARC's X-CallbackToken: ARC's callbacks must carry it as Authorization: Bearer <token>" },
    { key: 'broadcaster', type: 'string', values: ['arc', 'woc'], default: 'arc', doc: 'who takes broadcasts: ARC (Extended Format) or WhatsOnChain (raw hex)' },
    { key: 'feeRateSatPerKb', type: 'integer', default: 1, min: 0, max: 1_000_000, aliases: { env: ['PUBLISHER_BSV_FEE_RATE'] }, doc: "satoshis per 1000 bytes; ARC's policy fee is paid instead when higher" },
    { key: 'confirmationDepth', type: 'integer', default: 1, min: 1, max: 1_000, doc: 'confirmations after which a publication is CONFIRMED' },
    { key: 'timeoutMs', type: 'integer', default: 30_000, min: 100, max: 600_000, doc: 'per HTTP request to ARC or WhatsOnChain' },
    { key: 'devnet.blockIntervalMs', type: 'integer', default: 5_000, min: 0, max: 3_600_000, aliases: { env: ['PUBLISHER_BSV_DEVNET_BLOCK_MS'] }, doc: 'the local node mines a block this often (0: only when asked)' },
  ],
  core: {
    defaults: () => ({ fundingAlarm: 100_000n, poolMinOutputs: 20, poolSplitAmount: 1_000_000n }),
    aliases: { fundingAlarm: { keys: ['fundingAlarmSatoshis'], env: ['PUBLISHER_BSV_FUNDING_ALARM'] }, 'pool.splitAmount': { keys: ['pool.splitSatoshis'] } },
  },
  devnet: {
    wanted: (settings) => settings['arcUrl'] === undefined,
    async start({ settings, secrets, dataDir, log }) {
      const { startBsvDevnet } = await import('../../devnet/bsv/index.ts');
      const devnet = await startBsvDevnet({
        dir: dataDir,
        log, // the devnet binds its own name (`module`)
        fund: [{ address: readFundingKey(secrets['fundingKey']!, 'regtest').address, satoshis: DEV_FUNDING.satoshis, outputs: DEV_FUNDING.outputs }],
        blockIntervalMs: settings['devnet.blockIntervalMs'] as number,
      });
      log.info({ arcUrl: devnet.arcUrl }, 'local BSV node (ARC API) started');
      return { endpoints: { arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl }, stop: () => devnet.stop() };
    },
  },
  async start(context) {
    const callbackToken = checkCallbacks(context);
    const callbackBook = new ArcCallbackBook();
    const adapter = createBsvAdapter({ ...adapterOptions(context), callbackBook });
    const routes = callbackToken === undefined ? [] : [arcCallbackRoute(callbackBook, callbackToken, context.log)];
    return { adapter, routes, stop: async () => undefined };
  },
  verifier: bsvVerifier,
};

function adapterOptions({ settings, secrets, devnet, batchSize, log }: PluginContext) {
  const endpoints = devnet ? { network: 'regtest' as const, arcUrl: devnet['arcUrl']!, wocUrl: devnet['wocUrl']! } : realEndpoints(settings);
  return {
    ...endpoints,
    fundingKey: secrets['fundingKey']!,
    broadcaster: settings['broadcaster'] as 'arc' | 'woc',
    feeRateSatPerKb: settings['feeRateSatPerKb'] as number,
    maxRecordsPerTransaction: batchSize,
    confirmationDepth: settings['confirmationDepth'] as number,
    timeoutMs: settings['timeoutMs'] as number,
    log, // the adapter binds its own name (`chain`)
    ...optional('arcApiKey', secrets['arcApiKey']),
    ...optional('wocApiKey', secrets['wocApiKey']),
    ...optional('callbackUrl', settings['callbackUrl'] as string | undefined),
    ...optional('callbackToken', secrets['callbackToken']),
  };
}

/** A callbackUrl ARC takes, with the token its callbacks must carry; the token when callbacks are on. */
function checkCallbacks({ settings, secrets }: PluginContext): string | undefined {
  const url = settings['callbackUrl'] as string | undefined;
  const token = secrets['callbackToken'];
  if (url === undefined) {
    if (token !== undefined) throw new PluginSettingError('callbackToken', 'callbackToken needs a callbackUrl');
    return undefined;
  }
  const problem = arcCallbackUrlProblem(url);
  if (problem !== undefined) throw new PluginSettingError('callbackUrl', problem);
  if (token === undefined) throw new PluginSettingError('callbackToken', 'callbackUrl needs a callbackToken: the node takes only callbacks that carry it');
  return token;
}

function realEndpoints(settings: SettingValues): { network: BsvNetwork; arcUrl: string; wocUrl: string } {
  const arcUrl = settings['arcUrl'] as string | undefined;
  const wocUrl = settings['wocUrl'] as string | undefined;
  if (arcUrl === undefined) throw new PluginSettingError('arcUrl', 'arcUrl is required outside the dev profile');
  if (wocUrl === undefined) throw new PluginSettingError('wocUrl', 'wocUrl is required with arcUrl: the WhatsOnChain API base including the network, e.g. https://api.whatsonchain.com/v1/bsv/main');
  return { network: (settings['network'] as BsvNetwork | undefined) ?? 'mainnet', arcUrl, wocUrl };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

export default bsvPlugin;
