import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, chmod, chown, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { loadBinaries, type PostgresBinaries } from './binaries.ts';
import { childEnv } from './child-env.ts';
import { unprivilegedUser, type OsUser } from './os-user.ts';
import { freePort } from '../free-port.ts';

export interface EmbeddedPostgresOptions {
  /** The cluster lives in `<dir>/postgres`, its credentials in `<dir>/postgres.json`. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  database?: string;
  /** Extra server settings, e.g. `{ fsync: 'off' }` for throwaway test clusters. */
  settings?: Record<string, string>;
  log: Logger;
}

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const SUPERUSER = 'publisher';
const READY_TIMEOUT_MS = 60_000;

/**
 * Starts a PostgreSQL cluster from the npm-packaged binaries on 127.0.0.1, initialising it on
 * first use. A cluster left running by a process that was killed is shut down first.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dir, log } = options;
  const database = options.database ?? 'publisher';
  const bins = await loadBinaries();
  const runAs = process.getuid?.() === 0 ? await unprivilegedUser(process.env['PUBLISHER_PG_OS_USER'] ?? 'postgres') : undefined;
  const cluster = join(dir, 'postgres');
  await mkdir(dir, { recursive: true });
  if (runAs) await chmod(dir, ((await stat(dir)).mode & 0o777) | 0o001); // the server's user must traverse it
  await checkReachable(bins, runAs);

  const credentials = await ensureCluster(bins, cluster, join(dir, 'postgres.json'), runAs, log);
  await stopStale(bins, cluster, runAs, log);

  const port = options.port || (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: '300',
    ...options.settings,
  };
  const args = ['-D', cluster, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  log.info({ cluster, port }, 'starting embedded PostgreSQL');
  // A process group of its own: Ctrl-C in a terminal signals the whole foreground group, and a
  // server that stopped at once would cut the node's connections before the node stops in order.
  const child = spawn(bins.postgres, args, { ...spawnOptions(runAs), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);

  const base = `postgres://${SUPERUSER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/postgres`, exited, () => stderr);
    await ensureDatabase(`${base}/postgres`, database);
  } catch (error) {
    child.kill('SIGINT');
    process.off('exit', killOnExit);
    throw error;
  }
  log.info({ port, database }, 'embedded PostgreSQL ready');

  return {
    url: `${base}/${database}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGINT'); // "fast" shutdown: aborts open transactions, checkpoints, exits
      await exited;
      log.info({ port }, 'embedded PostgreSQL stopped');
    },
  };
}

/** How every PostgreSQL program is spawned: as the unprivileged user when there is one, with childEnv() only. */
function spawnOptions(user: OsUser | undefined): { uid?: number; gid?: number; env: NodeJS.ProcessEnv } {
  return user ? { uid: user.uid, gid: user.gid, env: childEnv() } : { env: childEnv() };
}

async function checkReachable(bins: PostgresBinaries, runAs: OsUser | undefined): Promise<void> {
  const code = await exitCode(spawn(bins.postgres, ['--version'], { ...spawnOptions(runAs), stdio: 'ignore' }));
  if (code !== 0) {
    throw new Error(
      `embedded-postgres: ${bins.postgres} cannot be run${runAs ? ` as the OS user "${runAs.name}"` : ''}. ` +
        'Make every directory above it traversable (chmod o+x), or set DATABASE_URL to a PostgreSQL server.',
    );
  }
}

async function ensureCluster(
  bins: PostgresBinaries,
  cluster: string,
  credentialsFile: string,
  runAs: OsUser | undefined,
  log: Logger,
): Promise<Credentials> {
  const initialised = await exists(join(cluster, 'PG_VERSION'));
  if (initialised) return JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;

  const credentials: Credentials = { user: SUPERUSER, password: randomBytes(18).toString('base64url') };
  await rm(cluster, { recursive: true, force: true });
  await mkdir(cluster, { recursive: true, mode: 0o700 });
  const pwfile = join(cluster, '..', `.pwfile-${process.pid}`);
  await writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) {
    await chown(cluster, runAs.uid, runAs.gid);
    await chown(pwfile, runAs.uid, runAs.gid);
  }
  log.info({ cluster }, 'initialising embedded PostgreSQL cluster (first start only)');
  const init = spawn(
    bins.initdb,
    ['-D', cluster, '--username', SUPERUSER, '--pwfile', pwfile, '--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C'],
    { ...spawnOptions(runAs), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  init.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await exitCode(init);
  await rm(pwfile, { force: true });
  if (code !== 0) throw new Error(`embedded-postgres: initdb failed (exit ${code}): ${output.trim()}`);
  await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** A postmaster.pid whose process still runs means an earlier owner died without stopping it. */
async function stopStale(bins: PostgresBinaries, cluster: string, runAs: OsUser | undefined, log: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(join(cluster, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log.warn({ pid }, 'embedded PostgreSQL from an earlier run is still up; stopping it');
  await exitCode(spawn(bins.pg_ctl, ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', '60'], { ...spawnOptions(runAs), stdio: 'ignore' }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitReady(url: string, exited: Promise<number | null>, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let done = false;
  const died = exited.then((code) => {
    if (!done) throw new Error(`embedded-postgres: the server exited (code ${code}) while starting: ${stderr().trim()}`);
  });
  try {
    for (;;) {
      const attempt = tryConnect(url);
      const ok = await Promise.race([attempt, died.then(() => false)]);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`embedded-postgres: not ready after ${READY_TIMEOUT_MS} ms: ${stderr().trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    done = true;
  }
}

async function tryConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}


function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('exit', (code) => resolve(code));
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
