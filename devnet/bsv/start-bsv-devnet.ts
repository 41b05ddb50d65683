import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { p2pkhScript, pubKeyHashOfAddress } from './address.ts';
import { adminRoutes } from './admin-routes.ts';
import { arcRoutes } from './arc-routes.ts';
import { buildBlock, feePayout } from './block-builder.ts';
import { CallbackSender } from './callback-sender.ts';
import { ChainState } from './chain-state.ts';
import { DevnetNode, type MinedBlock } from './devnet-node.ts';
import { lockDir } from './dir-lock.ts';
import { BsvDevnetError } from './errors.ts';
import { EventLog } from './event-log.ts';
import { Faults } from './faults.ts';
import { createDevnetServer } from './http-server.ts';
import { DEFAULT_POLICY, type DevnetPolicy } from './policy.ts';
import type { TxOutput } from './tx-codec.ts';
import { wocRoutes } from './woc-routes.ts';

export interface FundRequest {
  /** A P2PKH address (devnet keys use the testnet prefix, but any prefix is accepted). */
  address: string;
  /** Satoshis of each output. */
  satoshis: number;
  /** How many outputs of `satoshis` pay the address; 1 by default. */
  outputs?: number;
}

export interface BsvDevnetOptions {
  /** Holds the chain (`bsv-devnet.jsonl`); the same dir continues the same chain. */
  dir: string;
  /** 0 (the default) picks a free port. Always on 127.0.0.1. */
  port?: number;
  log: Logger;
  /** Paid by the coinbase of block 1 when `dir` holds no chain yet; ignored afterwards. */
  fund?: FundRequest[];
  /** Mines a block every so often; 0 (the default) mines only on demand. */
  blockIntervalMs?: number;
  /** 1 by default: 1 satoshi per 1000 bytes, rounded up as ARC does. */
  minFeeSatPerKb?: number;
  /** ARC answers 474 above it; 10,000,000 bytes by default. */
  maxTxSizePolicy?: number;
  /** When set, every request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /**
   * ARC's `api.rejectCallbackContaining`: broadcasts whose X-CallbackUrl holds one of these are
   * refused 400. ARC's default, `http://localhost` and `https://localhost`, by default;
   * 127.0.0.1 is not among them, in ARC as here.
   */
  rejectCallbackContaining?: string[];
  /** How often batched callbacks (X-CallbackBatch) go out, per URL; ARC's 5 s by default. */
  callbackBatchIntervalMs?: number;
}

export type DevnetFaults = Pick<Faults, 'status5xx' | 'delay' | 'drop' | 'doubleSpendWins' | 'dropCallbacks' | 'reorg' | 'clear' | 'pending'>;

export interface BsvDevnet {
  /** ARC's base URL: POST `${arcUrl}/v1/tx`. Also serves `/devnet/mine` and `/devnet/faults`. */
  arcUrl: string;
  /** WhatsOnChain's base URL including the network: GET `${wocUrl}/chain/info`. */
  wocUrl: string;
  network: 'regtest';
  apiKey?: string;
  mine(blocks?: number): MinedBlock[];
  faults: DevnetFaults;
  tip(): { height: number; hash: string };
  stop(): Promise<void>;
}

/**
 * A local BSV chain behind ARC's and WhatsOnChain's REST APIs on 127.0.0.1: validates like a miner,
 * mines on demand or on a timer, persists in `dir`, and injects faults.
 */
export async function startBsvDevnet(options: BsvDevnetOptions): Promise<BsvDevnet> {
  const log = options.log.child({ module: 'bsv-devnet' });
  const policy = policyOf(options);
  const payouts = fundingOutputs(options.fund ?? []);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BsvDevnetError(`port must be 0 to 65535, got ${port}`);
  const blockIntervalMs = wholeNumber('blockIntervalMs', options.blockIntervalMs ?? 0);
  if (options.apiKey === '') throw new BsvDevnetError('apiKey must not be empty; leave it out to serve without one');

  mkdirSync(options.dir, { recursive: true });
  const unlock = lockDir(join(options.dir, 'bsv-devnet.lock'));
  let opened: { eventLog: EventLog; state: ChainState };
  try {
    opened = openChain(options.dir, payouts, log);
  } catch (error) {
    unlock();
    throw error;
  }
  const { eventLog, state } = opened;

  const stopped = new AbortController();
  const faults: Faults = new Faults((depth, reorgOptions) => node.reorg(depth, reorgOptions));
  const callbacks = new CallbackSender(log, stopped.signal, {
    batchIntervalMs: wholeNumber('callbackBatchIntervalMs', options.callbackBatchIntervalMs ?? 5_000),
    takeDrop: () => faults.takeCallbackDrop(),
  });
  const node = new DevnetNode({ state, eventLog, policy, callbacks, takeDrop: () => faults.takeDrop(), takeDoubleSpendWin: () => faults.takeDoubleSpendWin(), stopped: stopped.signal, log });
  const routes = [
    ...arcRoutes({ node, faults, policy, stopped: stopped.signal, rejectCallbackContaining: options.rejectCallbackContaining ?? ['http://localhost', 'https://localhost'] }),
    ...wocRoutes({ state, node, faults, stopped: stopped.signal }),
    ...adminRoutes(node, faults),
  ];
  const server = createDevnetServer(routes, options.apiKey, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  }).catch((error: unknown) => {
    unlock();
    eventLog.close();
    throw new BsvDevnetError(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const miner =
    blockIntervalMs > 0
      ? setInterval(() => {
          try {
            node.mine(1);
          } catch (error) {
            log.error({ err: error }, 'bsv-devnet: interval mining failed');
          }
        }, blockIntervalMs).unref()
      : undefined;
  log.info({ url, dir: options.dir, height: state.tip()!.height, blockIntervalMs }, 'bsv-devnet: ready');

  let stopping: Promise<void> | undefined;
  return {
    arcUrl: url,
    wocUrl: `${url}/v1/bsv/regtest`,
    network: 'regtest',
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    mine: (blocks = 1) => node.mine(wholeNumber('blocks', blocks)),
    faults,
    tip: () => ({ height: state.tip()!.height, hash: state.tip()!.hash }),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(miner);
        stopped.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        eventLog.close();
        unlock();
        log.info({ url }, 'bsv-devnet: stopped');
      })()),
  };
}

/** Replays the log in `dir`, or starts a chain there whose block 1 pays `payouts`. */
function openChain(dir: string, payouts: TxOutput[], log: Logger): { eventLog: EventLog; state: ChainState } {
  const { eventLog, events } = EventLog.open(join(dir, 'bsv-devnet.jsonl'), log);
  const state = new ChainState();
  for (const [index, event] of events.entries()) {
    try {
      state.apply(event);
    } catch (cause) {
      eventLog.close();
      throw new Error(`bsv-devnet: cannot replay event ${index + 1} of ${eventLog.path}; delete ${dir} to start a new chain`, { cause });
    }
  }
  if (!state.tip()) {
    // The funding sits in block 1, not in the genesis block: WhatsOnChain gives unconfirmed outputs
    // height 0, so outputs of block 0 would look unconfirmed to a reader of `…/unspent`.
    const genesis = buildBlock(undefined, [], feePayout(0n));
    const funding = buildBlock({ hash: genesis.hash, height: 0, time: genesis.event.time }, [], payouts.length > 0 ? payouts : feePayout(0n));
    for (const { event } of [genesis, funding]) {
      eventLog.write(event);
      state.apply(event);
    }
    eventLog.sync();
  }
  return { eventLog, state };
}

function policyOf(options: BsvDevnetOptions): DevnetPolicy {
  return {
    ...DEFAULT_POLICY,
    minFeeSatPerKb: wholeNumber('minFeeSatPerKb', options.minFeeSatPerKb ?? DEFAULT_POLICY.minFeeSatPerKb),
    maxTxSizePolicy: wholeNumber('maxTxSizePolicy', options.maxTxSizePolicy ?? DEFAULT_POLICY.maxTxSizePolicy),
  };
}

function fundingOutputs(fund: FundRequest[]): TxOutput[] {
  return fund.flatMap(({ address, satoshis, outputs = 1 }) => {
    let pkh: string;
    try {
      pkh = pubKeyHashOfAddress(address);
    } catch (cause) {
      throw new BsvDevnetError(`fund address ${(cause as Error).message}`, { cause });
    }
    if (wholeNumber('fund.satoshis', satoshis) < 1) throw new BsvDevnetError('fund.satoshis must be at least 1');
    const output = { satoshis: BigInt(satoshis), script: p2pkhScript(pkh) };
    return Array.from({ length: wholeNumber('fund.outputs', outputs) }, () => output);
  });
}

function wholeNumber(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new BsvDevnetError(`${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}
