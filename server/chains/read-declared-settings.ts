import { existsSync, readFileSync, renameSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettingDeclaration, SettingValue, StringSetting } from '../../core/plugin/index.ts';
import { ConfigError, type SettingsSource } from '../config/index.ts';
import { ensureSecretFile } from '../secret-file.ts';
import { parseSetting } from './parse-setting.ts';
import { settingEnv, settingNames } from './setting-names.ts';

export interface DeclaredSettingsScope {
  /** The chain, as named in chains.enabled. */
  readonly chain: string;
  readonly profile: 'dev' | 'production';
  /** The node's data directory, and the chain's own folder in it (where dev secrets are kept). */
  readonly dataDir: string;
  readonly chainDir: string;
}

export interface DeclaredSettings {
  readonly settings: Record<string, SettingValue | undefined>;
  readonly secrets: Record<string, string>;
}

/**
 * Reads a chain's declared settings (plugins.md) from `chains.<chain>.<key>` and
 * `PUBLISHER_<CHAIN>_<KEY>` (then their aliases; the environment wins), checks each against its
 * declaration, applies defaults, and finds each secret in the environment or the file named by
 * `<key>File`, else, in the dev profile, in (or generated into) the chain's folder.
 */
export async function readDeclaredSettings(s: SettingsSource, declarations: readonly SettingDeclaration[], scope: DeclaredSettingsScope): Promise<DeclaredSettings> {
  const settings: Record<string, SettingValue | undefined> = {};
  const secrets: Record<string, string> = {};
  for (const setting of declarations) {
    if (setting.type === 'string' && setting.secret) {
      const secret = await readSecret(s, setting, scope);
      if (secret !== undefined) secrets[setting.key] = secret;
      else if (setting.required) throw new ConfigError(`chain "${scope.chain}": ${setting.key} is required: ${secretSources(scope.chain, setting)} (${setting.doc})`);
      continue;
    }
    const { paths, envs } = settingNames(scope.chain, setting);
    const found = s.lookup(paths, envs);
    if (found === undefined) {
      if (setting.default === undefined && setting.required) throw new ConfigError(`chain "${scope.chain}": ${setting.key} is required: ${paths[0]} (or ${envs[0]}) (${setting.doc})`);
      settings[setting.key] = setting.default;
      continue;
    }
    const parsed = parseSetting(setting, found.value);
    if ('problem' in parsed) throw new ConfigError(`chain "${scope.chain}": ${describe(paths[0]!, envs[0]!, found.source, s.fileName)} ${parsed.problem}`);
    settings[setting.key] = parsed.value;
  }
  return { settings, secrets };
}

/** `chains.x.key (or PUBLISHER_X_KEY) in file.yaml`, and where the value came from when it was an earlier name. */
function describe(path: string, env: string, source: string, fileName: string): string {
  const named = `${path} (or ${env})${fileName ? ` in ${fileName}` : ''}`;
  return source === env || source.startsWith(`${path} `) || source === path ? named : `${named}, given as ${source},`;
}

function secretSources(chain: string, setting: SettingDeclaration): string {
  const env = settingEnv(chain, setting.key);
  return `${env}, or the file named by ${env}_FILE or chains.${chain}.${setting.key}File`;
}

async function readSecret(s: SettingsSource, setting: StringSetting, scope: DeclaredSettingsScope): Promise<string | undefined> {
  const { paths, envs } = settingNames(scope.chain, setting);
  // Never from publisher.yaml itself: a file that holds secrets ends up in backups and repositories.
  const inFile = s.lookup(paths, []);
  if (inFile !== undefined) throw new ConfigError(`chain "${scope.chain}": ${inFile.source} is a secret, never read from the configuration file: ${secretSources(scope.chain, setting)}`);
  const direct = s.lookup([], envs);
  // Looked up even when the environment gives the secret: a file named beside it is a known key.
  const file = s.lookup(paths.map((path) => `${path}File`), envs.map((env) => `${env}_FILE`));
  if (direct !== undefined) return checkSecret(setting, scope.chain, String(direct.value), direct.source);
  if (file !== undefined) {
    if (typeof file.value !== 'string' || file.value === '') throw new ConfigError(`chain "${scope.chain}": ${file.source} must name a file, got ${JSON.stringify(file.value)}`);
    let text: string;
    try {
      text = readFileSync(file.value, 'utf8').trim();
    } catch (cause) {
      throw new ConfigError(`chain "${scope.chain}": cannot read ${file.source} ${file.value}: ${(cause as Error).message}`, { cause });
    }
    return checkSecret(setting, scope.chain, text, `${file.source} (${file.value})`);
  }
  if (scope.profile !== 'dev' || setting.devSecret === undefined) return undefined;
  const path = join(scope.chainDir, setting.devSecret.file);
  await adoptEarlierDevSecret(join(scope.dataDir, setting.devSecret.file), path);
  return ensureSecretFile(path, setting.devSecret.generate);
}

function checkSecret(setting: StringSetting, chain: string, value: string, source: string): string {
  if (value === '') throw new ConfigError(`chain "${chain}": ${source} is empty`);
  if (setting.values && !setting.values.includes(value)) throw new ConfigError(`chain "${chain}": ${source} must be one of ${setting.values.join(', ')}`);
  return value;
}

/** Before plugins, dev secrets lay at the top of the data directory: moved into the chain's folder once, so a dev node keeps its funded keys. */
async function adoptEarlierDevSecret(earlier: string, path: string): Promise<void> {
  if (earlier === path || existsSync(path) || !existsSync(earlier)) return;
  await mkdir(join(path, '..'), { recursive: true });
  renameSync(earlier, path);
}
