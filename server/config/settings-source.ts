import { ConfigError } from './config-error.ts';

type Env = Record<string, string | undefined>;
type Tree = Record<string, unknown>;

/**
 * Typed settings read from publisher.yaml, each overridable by one environment variable (which
 * wins). Every read names its path, so an error says which key is wrong and what it should be;
 * keys of the file that nothing read are reported as unknown.
 */
export interface SettingsSource {
  /** The configuration file's path as given ('' without one): relative plugin paths start from its folder. */
  readonly fileName: string;
  int(path: string, env: string | null, fallback: number, min: number, max: number): number;
  str(path: string, env: string | null, fallback: string): string;
  optionalStr(path: string, env: string | null): string | undefined;
  oneOf<const T extends readonly string[]>(path: string, env: string | null, allowed: T, fallback: T[number]): T[number];
  bool(path: string, env: string | null, fallback: boolean): boolean;
  list(path: string, env: string | null, fallback: readonly string[]): string[];
  /** A secret: only ever from the environment, never from the file. */
  secret(env: string): string | undefined;
  /**
   * The raw value of a setting known by several names (a plugin's declared setting and its
   * aliases): the first environment variable set, else the first file key present. Every path
   * counts as read. `source` names where the value came from, for error messages.
   */
  lookup(paths: readonly string[], envs: readonly string[]): { value: unknown; source: string } | undefined;
  /** Keys of a mapping in the file (e.g. the chains), or [] when absent. */
  keys(path: string): string[];
  /** File keys that no setting read: typos, or settings this version does not have. */
  unread(): string[];
  /** Environment variables set (non-empty) under `prefix` that no setting asked for. */
  unreadEnv(prefix: string): string[];
}

export function createSettingsSource(file: Tree, env: Env, fileName: string): SettingsSource {
  const read = new Set<string>();
  const at = (path: string): unknown => {
    read.add(path);
    let node: unknown = file;
    for (const part of path.split('.')) {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      node = (node as Tree)[part];
    }
    return node;
  };
  const name = (path: string, env: string | null) => `${path}${env ? ` (or ${env})` : ''}${fileName ? ` in ${fileName}` : ''}`;
  const raw = (path: string, env: string | null): unknown => {
    const fromEnv = env ? envValue(env) : undefined;
    return fromEnv !== undefined ? fromEnv : at(path);
  };
  const envRead = new Set<string>();
  const envValue = (key: string) => {
    envRead.add(key);
    const value = env[key];
    return value === undefined || value === '' ? undefined : value;
  };

  return {
    fileName,
    int(path, envKey, fallback, min, max) {
      const value = raw(path, envKey);
      if (value === undefined || value === null) return fallback;
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name(path, envKey)} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
      return n;
    },
    str(path, envKey, fallback) {
      return this.optionalStr(path, envKey) ?? fallback;
    },
    optionalStr(path, envKey) {
      const value = raw(path, envKey);
      if (value === undefined || value === null) return undefined;
      if (typeof value !== 'string' || value === '') throw new ConfigError(`${name(path, envKey)} must be a non-empty string, got ${JSON.stringify(value)}`);
      return value;
    },
    oneOf(path, envKey, allowed, fallback) {
      const value = raw(path, envKey);
      if (value === undefined || value === null) return fallback;
      if (typeof value !== 'string' || !allowed.includes(value)) throw new ConfigError(`${name(path, envKey)} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
      return value;
    },
    bool(path, envKey, fallback) {
      const value = raw(path, envKey);
      if (value === undefined || value === null) return fallback;
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw new ConfigError(`${name(path, envKey)} must be true or false, got ${JSON.stringify(value)}`);
    },
    list(path, envKey, fallback) {
      const value = raw(path, envKey);
      if (value === undefined || value === null) return [...fallback];
      const items = typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
      if (!Array.isArray(items) || !items.every((v) => typeof v === 'string' && v !== '')) {
        throw new ConfigError(`${name(path, envKey)} must be a list of strings (comma-separated in the environment), got ${JSON.stringify(value)}`);
      }
      return items as string[];
    },
    secret: envValue,
    lookup(paths, envs) {
      const inFile = paths.map((path) => [path, at(path)] as const);
      for (const key of envs) {
        const value = envValue(key);
        if (value !== undefined) return { value, source: key };
      }
      const found = inFile.find(([, value]) => value !== undefined && value !== null);
      return found && { value: found[1], source: `${found[0]}${fileName ? ` in ${fileName}` : ''}` };
    },
    keys(path) {
      const node = at(path);
      if (node === undefined || node === null) return [];
      if (typeof node !== 'object' || Array.isArray(node)) throw new ConfigError(`${name(path, null)} must be a mapping`);
      return Object.keys(node);
    },
    unreadEnv(prefix) {
      return Object.keys(env).filter((key) => key.startsWith(prefix) && env[key] !== undefined && env[key] !== '' && !envRead.has(key)).sort();
    },
    unread() {
      const all: string[] = [];
      const walk = (node: unknown, prefix: string) => {
        if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
          for (const [key, child] of Object.entries(node as Tree)) walk(child, prefix ? `${prefix}.${key}` : key);
        } else all.push(prefix);
      };
      walk(file, '');
      return all.filter((path) => ![...read].some((r) => path === r || path.startsWith(`${r}.`)));
    },
  };
}
