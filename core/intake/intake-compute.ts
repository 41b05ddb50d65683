import type { IntentLimits } from '../intent/index.ts';
import type { Network } from '../schemes/index.ts';
import { parseIntents, prepareIntents, verifySignatures, type Parsed, type Prepared, type SignatureCheck } from './prepare-intents.ts';

/**
 * The CPU-bound steps of intake: parsing and verifying envelopes. They run
 * either on the event loop (`onEventLoop`) or on a pool of threads (`startIntakeThreads`), with
 * the same results in the same order.
 */
export interface IntakeCompute {
  /** Parses and verifies each envelope. */
  prepare(texts: readonly string[], limits: IntentLimits, network: Network): Promise<Prepared[]>;
  /** Parses each envelope only; `verify` checks the signatures of those worth it. */
  parse(texts: readonly string[], limits: IntentLimits, network: Network): Promise<Parsed[]>;
  verify(checks: readonly SignatureCheck[]): Promise<boolean[]>;
  close(): Promise<void>;
}

/** Everything on the calling thread. */
export const onEventLoop: IntakeCompute = {
  prepare: async (texts, limits, network) => prepareIntents(texts, limits, network),
  parse: async (texts, limits, network) => parseIntents(texts, limits, network),
  verify: async (checks) => verifySignatures(checks),
  close: async () => {},
};
