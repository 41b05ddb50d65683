import type { BatchRecord, ChainAdapter, FundingGrant, SignedTransaction } from '../core/adapter/index.ts';
import type { AnchorVerifier } from '../sdk/verify/index.ts';

/** What a chain gives the conformance suite: its adapter on a chain the test owns, and how to drive that chain. */
export interface ConformanceSetup {
  adapter: ChainAdapter;
  /** The chain's anchor verifier (the plugin's `verifier`). */
  verifier: AnchorVerifier;
  /** Adds blocks on the test chain; a chain with instant finality has nothing to do. */
  mine(blocks: number): Promise<void>;
  /** Funding for a batch, as the core would reserve it (fresh UTXOs, an amount, or `{ model: 'none' }`). */
  grant(batch: readonly BatchRecord[]): Promise<FundingGrant>;
  /** Makes the chain unreachable for the adapter for good (the suite's last test). */
  outage(): Promise<void>;
  /**
   * A transaction the chain must refuse, made from a valid one; by default a byte in the middle
   * of `raw` flipped. A chain whose nodes accept any bytes names a change they refuse.
   */
  corrupt?(tx: SignedTransaction): SignedTransaction;
  /**
   * The chain holds a fixed-size commitment per record whatever the record's size (BSV: digest,
   * key and signature), so no record is too large and build carries an oversized record.
   */
  fixedRecordSize?: boolean;
  /**
   * The operator's log verifier key the node gave the plugin (PluginContext.operatorKey), handed
   * to the verifier as the key its caller trusts: chains whose anchors the operator signs with it
   * (Arweave's Ed25519 items) check their owner against it.
   */
  logKey?: string;
  close(): Promise<void>;
}
