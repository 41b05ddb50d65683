import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../config/index.ts';

/**
 * Where the dev profile's local chains listen, written by the server that started them so that
 * `publisher worker` processes in the same data directory can reach them.
 */
export async function saveDevnetEndpoints(dataDir: string, chain: string, endpoints: Record<string, string>): Promise<void> {
  await writeFile(join(dataDir, `devnet-${chain}.json`), JSON.stringify(endpoints), { mode: 0o600 });
}

export async function loadDevnetEndpoints(dataDir: string, chain: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(join(dataDir, `devnet-${chain}.json`), 'utf8')) as Record<string, string>;
  } catch {
    throw new ConfigError(`no local ${chain} chain is running for ${dataDir}: start the node (npm start) first, or configure chains.${chain} with real endpoints`);
  }
}
