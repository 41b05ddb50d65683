import { randomBytes } from 'node:crypto';
import { createBsvAdapter, type BsvAdapterOptions } from '../../../../adapters/bsv/index.ts';
import { readFundingKey } from '../../../../adapters/bsv/funding-key.ts';
import type { ChainAdapter, FundingGrant } from '../../../../core/adapter/index.ts';
import { testLog } from '../../../devnet-bsv/support/devnet.ts';

/**
 * An adapter that builds without any network: a fixed fee rate (no ARC policy lookup) and URLs
 * nothing listens on. `grant` pays it with made-up outputs of its funding key.
 */
export function offlineAdapter(options: Partial<BsvAdapterOptions> = {}): { adapter: ChainAdapter; fundingKey: string; grant(satoshis?: bigint, inputs?: number): FundingGrant } {
  const fundingKey = options.fundingKey ?? randomBytes(32).toString('hex');
  const lockingScript = readFundingKey(fundingKey, options.network ?? 'regtest').lockingScript.toString('hex');
  const adapter = createBsvAdapter({ network: 'regtest', arcUrl: 'http://127.0.0.1:9', wocUrl: 'http://127.0.0.1:9/v1/bsv/regtest', useArcPolicyFee: false, log: testLog, ...options, fundingKey });
  return {
    adapter,
    fundingKey,
    grant: (satoshis = 1_000_000n, inputs = 1) => ({
      model: 'utxo',
      inputs: Array.from({ length: inputs }, (_, vout) => ({ txid: randomBytes(32).toString('hex'), vout, amount: satoshis, lockingScript })),
    }),
  };
}
