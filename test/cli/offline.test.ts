import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordIdOf, verifyIntent } from '../../sdk/index.ts';
import { commandTable } from '../../server/cli/command-table.ts';
import { runCli } from './support/run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-cli-'));
  await writeFile(join(dir, 'record.json'), JSON.stringify({ type: 'post', title: 'offline' }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (args: string[], input?: string) => runCli(args, { cwd: dir, ...(input === undefined ? {} : { input }) });

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('publisher without a node', () => {
  it('answers --help for every command with its usage and the exit codes, exit 0', async () => {
    const runs = await Promise.all([cli(['--help']), ...commandTable.map((entry) => cli([...entry.name.split(' '), '--help']))]);
    const [top, ...commands] = runs;
    expect(top!.code).toBe(0);
    for (const entry of commandTable) expect(top!.stdout).toContain(entry.name);
    commands.forEach((run, index) => {
      expect(run.code, commandTable[index]!.name).toBe(0);
      expect(run.stdout).toContain(`usage: publisher ${commandTable[index]!.name}`);
      expect(run.stdout).toContain('4  a publication ended FAILED');
    });
  });

  it('exits 2 on usage errors, naming the problem and printing the help on stderr', async () => {
    const [none, unknown, missingId, missingKey, badOption] = await Promise.all([
      cli([]),
      cli(['frobnicate']),
      cli(['status']),
      cli(['sign', 'record.json', '--to', 'bsv']),
      cli(['publish', 'record.json', '--kye', 'key.json']),
    ]);
    for (const run of [none, unknown, missingId, missingKey, badOption]) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('usage: publisher');
    }
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(missingId.stderr).toContain('publisher status takes 1 argument, got 0');
    expect(missingKey.stderr).toContain('--key <key.json> is needed');
    expect(badOption.stderr).toContain("Unknown option '--kye'");
  });

  it('exits 3 when the node cannot be reached, saying where it looked and what to do', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await cli(['status', 'ab'.repeat(32), '--node', url, '--json']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`cannot reach the node at ${url}: is it running? (npm start)`);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { reason: 'NODE_UNREACHABLE', exitCode: 3 } });
  });

  it('keygen writes a key file only its owner can read, never over another, and sign makes a valid intent offline', async () => {
    const made = await cli(['keygen', '--out', 'alice.json', '--json']);
    expect(made.code).toBe(0);
    const printed = JSON.parse(made.stdout) as { scheme: string; publicKey: string; addresses: { test: string } };
    expect(printed).toMatchObject({ scheme: 'secp256k1', publicKey: expect.stringMatching(/^0[23][0-9a-f]{64}$/) });
    expect((await stat(join(dir, 'alice.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, 'alice.json'), 'utf8'))).toMatchObject({ scheme: 'secp256k1', publicKey: printed.publicKey });

    const again = await cli(['keygen', '--out', 'alice.json']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('alice.json exists already');

    const signed = await cli(['sign', '-', '--key', 'alice.json', '--to', 'bsv,arweave'], JSON.stringify({ type: 'post', title: 'from stdin' }));
    expect(signed.code).toBe(0);
    const intent = JSON.parse(signed.stdout) as { targets: string[]; signer: { publicKey: string } };
    expect(intent).toMatchObject({ targets: ['bsv', 'arweave'], signer: { scheme: 'secp256k1', publicKey: printed.publicKey } });
    expect(await verifyIntent(signed.stdout.trim())).toBe(true);
    expect(recordIdOf(signed.stdout.trim())).toMatch(/^[0-9a-f]{64}$/);
  });
});
