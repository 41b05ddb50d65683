import { describe, expect, it } from 'vitest';
import type { BatchRecord, FundingGrant, SignedTransaction, Utxo, UtxoFunding } from '../core/adapter/index.ts';
import type { ChainPlugin } from '../core/plugin/index.ts';
import { batchRecords } from './batch-records.ts';
import { chainConformance } from './chain-conformance.ts';
import { startPlugin, testOperatorKey, type StartedPlugin, type StartPluginOptions } from './start-plugin.ts';

export interface PluginConformanceOptions extends StartPluginOptions {
  /** Makes the chain unreachable for the adapter for good (the suite's last test); by default its devnet is stopped. A plugin without a devnet must give it. */
  outage?(chain: StartedPlugin): Promise<void>;
  /** Adds blocks on the plugin's devnet; by default nothing (a chain with instant finality). */
  mine?(chain: StartedPlugin, blocks: number): Promise<void>;
  /** Funding for a batch; by default `{ model: 'none' }`, an account chain's estimate, or outputs the operator holds that no earlier batch was granted (a UTXO chain's devnet funds it). */
  grant?(chain: StartedPlugin, batch: readonly BatchRecord[]): Promise<FundingGrant>;
  corrupt?(tx: SignedTransaction): SignedTransaction;
  fixedRecordSize?: boolean;
}

/**
 * The conformance suite for a chain plugin, started as the node starts it (startPlugin): the
 * plugin's declaration against its adapter, then chainConformance with the plugin's verifier.
 */
export function pluginConformance(plugin: ChainPlugin, options: PluginConformanceOptions): void {
  describe(`plugin ${plugin.name}`, () => {
    it('declares a lowercase name, a funding model and unit, and a verifier of its own chain', () => {
      expect(plugin.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(['utxo', 'account', 'none']).toContain(plugin.funding.model);
      expect(plugin.funding.unit).toMatch(/^\S+$/);
      expect(plugin.verifier.chain).toBe(plugin.name);
      expect(new Set(plugin.settings.map((setting) => setting.key)).size).toBe(plugin.settings.length);
      for (const setting of plugin.settings) expect(setting.doc, setting.key).not.toBe('');
    });

    it('starts an adapter of its name, funding model and unit', async () => {
      const chain = await startPlugin(plugin, options);
      try {
        expect(chain.adapter.name).toBe(plugin.name);
        expect(chain.adapter.funding.model).toBe(plugin.funding.model);
        expect((await chain.adapter.estimate(batchRecords(1, [plugin.name]))).unit).toBe(plugin.funding.unit);
      } finally {
        await chain.stop();
      }
    }, 180_000);
  });

  chainConformance(plugin.name, async () => {
    const operatorKey = options.operatorKey ?? testOperatorKey();
    const chain = await startPlugin(plugin, { ...options, operatorKey });
    const { adapter } = chain;
    // Outputs granted once are never granted again (a built transaction may spend them); change
    // of mined transactions comes back through a new listing when the fresh ones run out.
    const granted = new Set<string>();
    let unspent: Utxo[] = [];
    const nextOutput = async (funding: UtxoFunding): Promise<Utxo | undefined> => {
      if (unspent.length === 0) unspent = (await funding.listUnspent()).filter((utxo) => !granted.has(`${utxo.txid}:${utxo.vout}`));
      const next = unspent.shift();
      if (next !== undefined) granted.add(`${next.txid}:${next.vout}`);
      return next;
    };
    const defaultGrant = async (batch: readonly BatchRecord[]): Promise<FundingGrant> => {
      const { funding } = adapter;
      if (funding.model === 'none') return { model: 'none' };
      const { amount } = await adapter.estimate(batch);
      if (funding.model === 'account') return { model: 'account', amount };
      const inputs: Utxo[] = [];
      while (inputs.reduce((sum, utxo) => sum + utxo.amount, 0n) <= amount) {
        const next = await nextOutput(funding);
        if (next === undefined) throw new Error(`${plugin.name}: the operator has no output left that no batch was granted; fund more on the devnet`);
        inputs.push(next);
      }
      return { model: 'utxo', inputs };
    };
    const outage = async () => {
      if (options.outage) return options.outage(chain);
      if (chain.devnet === undefined) throw new Error(`${plugin.name} runs no devnet here: pluginConformance needs an outage option`);
      return chain.stopDevnet();
    };
    return {
      adapter,
      verifier: plugin.verifier,
      logKey: operatorKey.verifierKey,
      mine: async (blocks) => options.mine?.(chain, blocks),
      grant: (batch) => (options.grant ? options.grant(chain, batch) : defaultGrant(batch)),
      outage,
      ...(options.corrupt ? { corrupt: options.corrupt } : {}),
      ...(options.fixedRecordSize ? { fixedRecordSize: true } : {}),
      close: () => chain.stop(),
    };
  });
}
