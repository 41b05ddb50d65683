import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createBsvAdapter, type BsvAdapterOptions } from '../../../../adapters/bsv/index.ts';
import { readFundingKey } from '../../../../adapters/bsv/funding-key.ts';
import type { ChainAdapter, Utxo } from '../../../../core/adapter/index.ts';
import { startBsvDevnet, type BsvDevnet, type BsvDevnetOptions } from '../../../../devnet/bsv/index.ts';
import { legacyVerdict, testLog } from '../../../devnet-bsv/support/devnet.ts';

export interface AdapterOnDevnet {
  devnet: BsvDevnet;
  adapter: ChainAdapter;
  fundingKey: string;
  /** Another adapter on the same devnet and key, with other options (its published transactions checked as below). */
  adapterWith(options: Partial<BsvAdapterOptions>): ChainAdapter;
  /** A funding output of block 1 that no test had before. */
  utxo(): Utxo;
  /**
   * bsv@1.5.6's interpreter agrees that every input of `raw` unlocks what it spends. The adapters
   * given here run it on every transaction they broadcast with success.
   */
  expectLegacyValid(raw: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** A devnet in a fresh temp dir whose block 1 pays a new operator key `outputs` × `satoshis`, and the adapter on it. */
export async function startAdapterOnDevnet(
  setup: { outputs?: number; satoshis?: number; devnet?: Partial<BsvDevnetOptions>; adapter?: Partial<BsvAdapterOptions> } = {},
): Promise<AdapterOnDevnet> {
  const fundingKey = randomBytes(32).toString('hex');
  const address = readFundingKey(fundingKey, 'regtest').address;
  const dir = await mkdtemp(join(tmpdir(), 'bsv-adapter-test-'));
  const devnet = await startBsvDevnet({ log: testLog, fund: [{ address, satoshis: setup.satoshis ?? 1_000_000, outputs: setup.outputs ?? 20 }], ...setup.devnet, dir });
  const expectLegacyValid = async (raw: Uint8Array) => {
    expect(await legacyVerdict(devnet, Buffer.from(raw).toString('hex'))).toEqual([]);
  };
  // Every transaction a test gets published is also checked by bsv@1.5.6's interpreter, an
  // implementation independent of the adapter's signing and of the devnet's @bsv/sdk validation.
  const checked = (adapter: ChainAdapter): ChainAdapter => ({
    ...adapter,
    async broadcast(tx) {
      const outcome = await adapter.broadcast(tx);
      if (outcome.kind !== 'rejected') await expectLegacyValid(tx.raw);
      return outcome;
    },
  });
  const keys = devnet.apiKey === undefined ? {} : { arcApiKey: devnet.apiKey, wocApiKey: devnet.apiKey };
  const adapterWith = (options: Partial<BsvAdapterOptions>) =>
    checked(createBsvAdapter({ network: 'regtest', arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl, fundingKey, log: testLog, ...keys, ...setup.adapter, ...options }));
  const adapter = adapterWith({});
  if (adapter.funding.model !== 'utxo') throw new Error('the BSV adapter must be UTXO-funded');
  const fresh = await adapter.funding.listUnspent();
  return {
    devnet,
    adapter,
    fundingKey,
    adapterWith,
    utxo() {
      const next = fresh.shift();
      if (!next) throw new Error('the test devnet has no fresh funding output left; fund more outputs');
      return next;
    },
    expectLegacyValid,
    async close() {
      await devnet.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
