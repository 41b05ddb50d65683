import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childEnv } from './child-env.ts';

const exec = promisify(execFile);
const run = (file: string, args: string[]) => exec(file, args, { env: childEnv() });

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When the node runs as root (containers, CI), the embedded
 * cluster runs as an unprivileged OS user instead, created on first use if it does not exist.
 */
export async function unprivilegedUser(name: string): Promise<OsUser> {
  const existing = await lookup(name);
  if (existing) return existing;
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
  } catch (cause) {
    throw new Error(
      `embedded-postgres: cannot create the OS user "${name}" to run PostgreSQL as (it refuses to run as root). ` +
        'Create it yourself, set PUBLISHER_PG_OS_USER to an existing unprivileged user, or set DATABASE_URL.',
      { cause },
    );
  }
  const created = await lookup(name);
  if (!created) throw new Error(`embedded-postgres: user "${name}" was created but cannot be found`);
  return created;
}

async function lookup(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
