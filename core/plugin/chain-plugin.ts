import type { Logger } from 'pino';
import type { AnchorVerifier } from '../../sdk/verify/anchor-verifier.ts';
import type { ChainAdapter } from '../adapter/index.ts';
import type { ChainRoute } from './chain-route.ts';
import type { SettingDeclaration, SettingAliases, SettingValues } from './setting-declaration.ts';

/** How the core funds a chain's transactions (architecture.md, funding). */
export type FundingModel = 'utxo' | 'account' | 'none';

/**
 * A chain, as one ES module default-exports it (plugins.md). The built-in chains are plugins of
 * this very shape, loaded the same way as an external package.
 */
export interface ChainPlugin {
  /** The target name intents use; lowercase, unique among the enabled chains. */
  readonly name: string;
  readonly settings: readonly SettingDeclaration[];
  readonly funding: {
    readonly model: FundingModel;
    /** The chain's smallest unit (e.g. `byte`), as the API, metrics and logs name amounts. */
    readonly unit: string;
  };
  /** Builds the running adapter from checked settings; `stop` ends what it started. */
  start(context: PluginContext): Promise<StartedChain>;
  /** The chain's local stand-in for the dev profile and the tests. */
  readonly devnet?: PluginDevnet;
  /** Browser-safe offline check of one anchor of this chain in a proof bundle. */
  readonly verifier: AnchorVerifier;
  /** This chain's defaults for the settings the core reads for every chain, and their earlier names. */
  readonly core?: CoreSettingHints;
}

export interface PluginContext {
  /** The plugin's declared settings, checked, defaults applied; secrets are not among them. */
  readonly settings: SettingValues;
  /** The declared secrets that have a value. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly profile: 'dev' | 'production';
  /** Bound to the chain's name. */
  readonly log: Logger;
  /** This chain's own directory inside the node's data directory. */
  readonly dataDir: string;
  /** Where the chain's local stand-in listens, when the node runs one (dev profile, no endpoint configured). */
  readonly devnet?: Readonly<Record<string, string>>;
  /** Most records the core puts in one batch (`chains.<name>.batch.size`): the adapter's transactions must take as many. */
  readonly batchSize: number;
  /**
   * The operator's Ed25519 key, the one that signs the log's checkpoints, for chains that let the
   * operator sign what they carry with it (data items, wire-format §4). The private key stays
   * with the node: a plugin gets the public key and a signing function.
   */
  readonly operatorKey: OperatorKey;
}

export interface OperatorKey {
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The log's verifier key `<origin>+<hex key ID>+<base64(0x01 ‖ key)>`, as GetInfo names it. */
  readonly verifierKey: string;
  /** Ed25519 (RFC 8032) over `message`. */
  sign(message: Uint8Array): Uint8Array;
}

export interface StartedChain {
  readonly adapter: ChainAdapter;
  /** HTTP routes the node serves for this chain under `/chains/<name>/` (e.g. a service's callbacks). */
  readonly routes?: readonly ChainRoute[];
  stop(): Promise<void>;
}

export interface PluginDevnet {
  /** Whether these settings ask for the local stand-in (they name no real endpoint); consulted in the dev profile only. */
  wanted(settings: SettingValues): boolean;
  /** Starts it in `context.dataDir`, funding the operator, and says where it listens. */
  start(context: DevnetContext): Promise<RunningDevnet>;
}

export type DevnetContext = Omit<PluginContext, 'devnet' | 'batchSize' | 'operatorKey'>;

export interface RunningDevnet {
  /** Plain strings (URLs), kept in the data directory for worker processes; the plugin gets them back as `context.devnet`. */
  readonly endpoints: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** The settings the core reads for every chain: `batch.*`, `retry.*`, `fundingAlarm`, `pool.*` (UTXO chains). */
export interface CoreSettingHints {
  /** Defaults that differ from the core's, possibly depending on the plugin's own settings. */
  defaults?(settings: SettingValues): CoreSettingDefaults;
  /** Earlier names of core settings for this chain, by core setting key. */
  readonly aliases?: Readonly<Record<string, SettingAliases>>;
}

export interface CoreSettingDefaults {
  readonly batchSize?: number;
  /** Available funding under this, in the chain's unit, turns health degraded. */
  readonly fundingAlarm?: bigint;
  /** UTXO chains: outputs the pool keeps at least, and the value of each output a split makes. */
  readonly poolMinOutputs?: number;
  readonly poolSplitAmount?: bigint;
}
