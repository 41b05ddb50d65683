/**
 * What a chain plugin declares about one of its settings (plugins.md). The node reads the value
 * from `chains.<name>.<key>` in publisher.yaml or `PUBLISHER_<NAME>_<KEY>` in the environment
 * (camelCase and dots become upper snake case: `maxRecordBytes` of `filelog` -> `PUBLISHER_FILELOG_MAX_RECORD_BYTES`),
 * checks it against the declaration and hands the plugin only checked values.
 */
export type SettingDeclaration = StringSetting | IntegerSetting | BooleanSetting | AmountSetting;

interface SettingBase {
  /** camelCase, dotted for groups: `arcUrl`, `devnet.blockIntervalMs`. */
  readonly key: string;
  /** One line for `publisher config --chain <name>` and the operations guide. */
  readonly doc: string;
  /** Earlier names the setting still answers to (the plugin's own history, never another chain's). */
  readonly aliases?: SettingAliases;
  /** The node does not start without a value (a dev secret generated in the data directory counts). */
  readonly required?: boolean;
}

export interface SettingAliases {
  /** Other keys under `chains.<name>.`. */
  readonly keys?: readonly string[];
  /** Other environment variables, in full (`PUBLISHER_<NAME>_<EARLIER_KEY>`). */
  readonly env?: readonly string[];
}

export interface StringSetting extends SettingBase {
  readonly type: 'string';
  readonly default?: string;
  /** When set, the only accepted values. */
  readonly values?: readonly string[];
  /**
   * A secret: read only from the environment (`PUBLISHER_<NAME>_<KEY>`) or from the file that
   * `chains.<name>.<key>File` / `PUBLISHER_<NAME>_<KEY>_FILE` names, never from publisher.yaml,
   * and never printed. The plugin finds it in `context.secrets`, not `context.settings`.
   */
  readonly secret?: boolean;
  /** Secrets only: in the dev profile, when none is configured, one is generated once and kept in this file of the data directory. */
  readonly devSecret?: { readonly file: string; generate(): string };
}

export interface IntegerSetting extends SettingBase {
  readonly type: 'integer';
  readonly default?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface BooleanSetting extends SettingBase {
  readonly type: 'boolean';
  readonly default?: boolean;
}

/** An amount in the chain's unit (a whole number, possibly past 2^53: written as a string or a number). */
export interface AmountSetting extends SettingBase {
  readonly type: 'amount';
  readonly default?: bigint;
  readonly min?: bigint;
}

export type SettingValue = string | number | boolean | bigint;

/** Checked values by key; a setting with no value and no default is absent. */
export type SettingValues = Readonly<Record<string, SettingValue | undefined>>;
