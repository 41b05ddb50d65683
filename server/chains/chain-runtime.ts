import type { ChainAdapter } from '../../core/adapter/index.ts';
import type { PipelineSettings } from '../../core/pipeline/index.ts';
import type { ChainRoute } from '../../core/plugin/index.ts';

/** One enabled chain as the node runs it: its adapter and the core's settings for it. */
export interface ChainRuntime {
  adapter: ChainAdapter;
  pipeline: PipelineSettings;
  /** The chain's smallest unit, as the API, metrics and logs name amounts. */
  unit: string;
  /** Available funding below this (in the chain's unit) turns health degraded. */
  fundingAlarm: bigint;
  /** UTXO chains: how wide to keep the pool, and whether to scan the funding address at start. */
  pool: { minUtxos: number; splitAmount: bigint; scanOnStart: boolean } | null;
  /** HTTP routes the node serves for the chain under /chains/<name>/ (StartedChain.routes). */
  routes: readonly ChainRoute[];
  /** Stops what the chain started for itself (a devnet in the dev profile). */
  stop(): Promise<void>;
}

/** A chain whose settings are read and checked; nothing of it runs yet. */
export interface ConfiguredChain {
  /** Starts (or, for a worker, attaches to) what it needs and builds its adapter. */
  start(): Promise<ChainRuntime>;
}
