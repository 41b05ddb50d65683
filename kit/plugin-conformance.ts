import { describe, expect, it } from 'vitest';
import type { BatchRecord, FundingGrant, SignedTransaction } from '../core/adapter/index.ts';
import type { ChainPlugin } from '../core/plugin/index.ts';
import { batchRecords } from './batch-records.ts';
import { chainConformance } from './chain-conformance.ts';
import { startPlugin, type StartedPlugin, type StartPluginOptions } from './start-plugin.ts';

export interface PluginConformanceOptions extends StartPluginOptions {
  /** Makes the chain unreachable for the adapter for good (the suite's last test). */
  outage(chain: StartedPlugin): Promise<void>;
  /** Adds blocks on the plugin's devnet; by default nothing (a chain with instant finality). */
  mine?(chain: StartedPlugin, blocks: number): Promise<void>;
  /** Funding for a batch; by default `{ model: 'none' }` or, for an account chain, its estimate. UTXO chains must give it. */
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
    const chain = await startPlugin(plugin, options);
    const { adapter } = chain;
    const defaultGrant = async (batch: readonly BatchRecord[]): Promise<FundingGrant> => {
      if (adapter.funding.model === 'none') return { model: 'none' };
      if (adapter.funding.model === 'account') return { model: 'account', amount: (await adapter.estimate(batch)).amount };
      throw new Error(`${plugin.name} is a UTXO chain: pluginConformance needs a grant option that gives it outputs`);
    };
    return {
      adapter,
      verifier: plugin.verifier,
      mine: async (blocks) => options.mine?.(chain, blocks),
      grant: (batch) => (options.grant ? options.grant(chain, batch) : defaultGrant(batch)),
      outage: () => options.outage(chain),
      ...(options.corrupt ? { corrupt: options.corrupt } : {}),
      ...(options.fixedRecordSize ? { fixedRecordSize: true } : {}),
      close: () => chain.stop(),
    };
  });
}
