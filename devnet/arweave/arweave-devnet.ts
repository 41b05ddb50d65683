import { join } from 'node:path';
import type { Logger } from 'pino';
import { bootArlocal, HOST } from './boot-arlocal.ts';
import { reorgChain, type ArweaveReorgOptions } from './arlocal-db.ts';
import { ArweaveDevnetError } from './errors.ts';
import type { ArweaveFaults } from './gateway-front.ts';
import { assertAddress, assertWinston, gatewayCalls } from './gateway-calls.ts';
import { mineBlocks } from './mine-blocks.ts';

export interface ArweaveFunding {
  address: string;
  winston: bigint;
}

export interface ArweaveDevnetOptions {
  /** The chain (sqlite database and data files) lives in `<dir>/arlocal` and survives restarts. */
  dir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log: Logger;
  /** Wallets topped up at every start to at least `winston`: only the shortfall is minted. */
  fund?: readonly ArweaveFunding[];
  /** Mines one block every so many milliseconds; 0 (the default) mines only on `mine()`. */
  mineIntervalMs?: number;
}

export interface ArweaveDevnetFaults extends ArweaveFaults {
  /**
   * Replaces the last `depth` blocks with `depth + 1` empty ones; their transactions go back to
   * pending, except `drop` (forgotten with their items). Resolves to the new height.
   */
  reorg(depth: number, options?: ArweaveReorgOptions): Promise<number>;
}

export interface ArweaveDevnet {
  /** `http://127.0.0.1:<port>`: the gateway API that arweave-js speaks, GraphQL at `/graphql`. */
  url: string;
  port: number;
  /** Mines `blocks` blocks (every pending transaction goes into the last one); resolves to the new height. */
  mine(blocks?: number): Promise<number>;
  /** Adds winston to an address, creating its wallet; resolves to the new balance. */
  mint(address: string, winston: bigint): Promise<bigint>;
  /** Fault switches for tests: answers of the transaction and chunk routes, and reorgs. */
  faults: ArweaveDevnetFaults;
  /** Stops mining, closes the HTTP server, GraphQL and the sqlite handles; the chain stays on disk. */
  stop(): Promise<void>;
}

/**
 * Starts arlocal in this process on 127.0.0.1 only, its chain persisted in `<dir>/arlocal`.
 * arlocal validates neither data items nor tag limits: the Arweave adapter must.
 */
export async function startArweaveDevnet(options: ArweaveDevnetOptions): Promise<ArweaveDevnet> {
  const { log, fund = [] } = options;
  const port = options.port ?? 0;
  const mineIntervalMs = options.mineIntervalMs ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ArweaveDevnetError(`arweave-devnet: port must be 0..65535, got ${port}`);
  if (!Number.isInteger(mineIntervalMs) || mineIntervalMs < 0) {
    throw new ArweaveDevnetError(`arweave-devnet: mineIntervalMs must be a whole number ≥ 0 (0 = mine on demand), got ${mineIntervalMs}`);
  }
  for (const { address, winston } of fund) {
    assertAddress(address);
    assertWinston(winston, true);
  }

  const dir = join(options.dir, 'arlocal');
  const booted = await bootArlocal(dir, port, log);
  const url = `http://${HOST}:${booted.port}`;
  const calls = gatewayCalls(url);
  try {
    for (const { address, winston } of fund) {
      const balance = await calls.balance(address);
      if (balance < winston) await calls.mint(address, winston - balance);
    }
  } catch (error) {
    await booted.close();
    throw error;
  }

  // arlocal's mine route updates the height in memory around awaits: one mine at a time.
  let queue: Promise<unknown> = Promise.resolve();
  let mining = 0;
  let stopped: Promise<void> | undefined;
  const gone = () => new ArweaveDevnetError(`arweave-devnet: the devnet at ${url} is stopped; start it again to use it.`);
  const mine = (blocks = 1): Promise<number> => {
    if (stopped) return Promise.reject(gone());
    if (!Number.isInteger(blocks) || blocks < 1) {
      return Promise.reject(new ArweaveDevnetError(`arweave-devnet: mine() needs a whole number ≥ 1 of blocks, got ${blocks}`));
    }
    mining += 1;
    const run = queue.then(() => booted.front.settled()).then(() => mineBlocks(calls, booted.arlocal.connection, blocks, log)).finally(() => (mining -= 1));
    queue = run.catch(() => undefined);
    return run;
  };
  const timer =
    mineIntervalMs > 0
      ? setInterval(() => {
          if (mining === 0) mine(1).catch((error: unknown) => log.warn({ err: error }, 'arweave-devnet: interval mining failed'));
        }, mineIntervalMs).unref()
      : undefined;

  const front = booted.front.faults;
  log.info({ url, dir, height: booted.arlocal.getNetwork().height, mineIntervalMs }, 'arweave devnet (arlocal) ready');
  return {
    url,
    port: booted.port,
    mine,
    faults: {
      status5xx: (count) => front.status5xx(count),
      delay: (ms, count) => front.delay(ms, count),
      drop: (count) => front.drop(count),
      unseenHeaders: (count) => front.unseenHeaders(count),
      clear: () => front.clear(),
      pending: () => front.pending(),
      reorg(depth, reorgOptions = {}) {
        if (stopped) return Promise.reject(gone());
        const run = queue.then(async () => {
          const { height, replaced } = await reorgChain(booted.arlocal, depth, reorgOptions);
          log.info({ depth, replaced: replaced.length, dropped: reorgOptions.drop?.length ?? 0, height }, 'arweave-devnet: reorganised the chain');
          return height;
        });
        queue = run.catch(() => undefined);
        return run;
      },
    },
    async mint(address, winston) {
      if (stopped) throw gone();
      assertAddress(address);
      assertWinston(winston, false);
      return calls.mint(address, winston);
    },
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await queue;
        await booted.close();
        log.info({ url }, 'arweave devnet stopped');
      })();
      return stopped;
    },
  };
}
