import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inputError } from './cli-error.ts';
import type { Env } from './cli-context.ts';

export interface AdminToken {
  readonly value: string;
  /** Where it came from, for --verbose: an option, a variable or a file path. */
  readonly source: string;
}

/**
 * The admin token: --admin-token, else PUBLISHER_ADMIN_TOKEN, else the file the node reads
 * (PUBLISHER_ADMIN_TOKEN_FILE), else `<data dir>/admin-token`, which `npm start` writes in dev.
 * Undefined when there is none: the call then goes out without one and the node says so.
 */
export async function resolveAdminToken(option: string | undefined, env: Env, cwd: string): Promise<AdminToken | undefined> {
  if (option) return { value: option, source: '--admin-token' };
  const fromEnv = env['PUBLISHER_ADMIN_TOKEN'];
  if (fromEnv) return { value: fromEnv, source: 'PUBLISHER_ADMIN_TOKEN' };
  const named = env['PUBLISHER_ADMIN_TOKEN_FILE'];
  const file = named ? resolve(cwd, named) : join(resolve(cwd, env['PUBLISHER_DATA_DIR'] || '.data'), 'admin-token');
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    // Only the default location may be absent: a file named on purpose must be there.
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw inputError(`cannot read the admin token from ${file}: ${(error as Error).message}`, {
      hint: 'pass --admin-token or set PUBLISHER_ADMIN_TOKEN',
    });
  }
  return text ? { value: text, source: file } : undefined;
}
