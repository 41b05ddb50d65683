import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './config-error.ts';

/** publisher.yaml as a mapping; duplicate keys and anything but a mapping at the top are refused. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read the configuration file ${path}: ${(cause as Error).message}`);
  }
  let value: unknown;
  try {
    value = parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (cause) {
    throw new ConfigError(`${path} is not valid YAML: ${(cause as Error).message}`);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`${path} must hold a mapping of settings at the top level`);
  return value as Record<string, unknown>;
}
