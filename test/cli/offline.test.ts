import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKey, recordIdOf, verifyIntent, type BsvAnchor } from '../../sdk/index.ts';
import { commandTable } from '../../server/cli/command-table.ts';
import { FIXTURE_LOG_SEED, ed25519Signer } from '../sdk/support/arweave-anchor.ts';
import { mineHeader } from '../sdk/support/bsv-anchor.ts';
import { proofFixture, type ProofFixture } from '../sdk/support/proof-fixture.ts';
import { runCli } from './support/run-cli.ts';

let dir: string;
let fixture: ProofFixture;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'publisher-cli-'));
  await writeFile(join(dir, 'record.json'), JSON.stringify({ type: 'post', title: 'offline' }));
  const key = await importKey({ scheme: 'secp256k1', secretKeyHex: '33'.repeat(32) });
  fixture = await proofFixture(key, [ed25519Signer(FIXTURE_LOG_SEED)]);
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
    // A hang guard only: some 25 CLI processes start at once, slow on a busy machine.
  }, 180_000);

  it('exits 2 on usage errors with one line naming the problem and one saying where the help is, on stderr', async () => {
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
      expect(run.stderr).not.toContain('usage: publisher');
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(2);
      expect(run.stderr).toContain('--help');
    }
    expect(unknown.stderr).toBe('publisher: unknown command "frobnicate"\n  publisher --help lists the commands\n');
    expect(missingId.stderr).toBe('publisher status: takes 1 argument, got 0\n  see publisher status --help\n');
    expect(missingKey.stderr).toContain('publisher sign: --key <key.json> is needed');
    expect(badOption.stderr).toBe("publisher publish: Unknown option '--kye'\n  see publisher publish --help\n");
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

describe('publisher verify, offline', () => {
  const flip = (hex: string, at: number) => {
    const bytes = Buffer.from(hex, 'hex');
    bytes[at] = bytes[at]! ^ 0x01;
    return bytes.toString('hex');
  };
  /** The fixture's proof with its BSV anchor changed, written to a file and verified. */
  const verifyWith = async (name: string, change: (anchor: BsvAnchor) => object, ...args: string[]) => {
    const [anchor, ...others] = fixture.proof.anchors as [BsvAnchor, ...object[]];
    await writeFile(join(dir, name), JSON.stringify({ ...fixture.proof, anchors: [change(anchor), ...others] }));
    return cli(['verify', name, ...args]);
  };

  it('passes a proof whose header binds its path, exit 0, and says plainly what only --online checks', async () => {
    const run = await verifyWith('good.json', (anchor) => anchor);
    expect(run.code, run.stdout).toBe(0);
    for (const name of ['bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']) expect(run.stdout).toMatch(new RegExp(`^✓ ${name.replace('.', '\\.')} \\(anchor 0\\) `, 'm'));
    expect(run.stdout).toContain('not checked offline (only --online asks the chains):');
    expect(run.stdout).toMatch(/^ {2}- bsv \(anchor 0\): block [0-9a-f]{64} is in the best chain at height 812345, with 6 or more confirmations$/m);
    expect(run.stdout).toMatch(/^ {2}- arweave \(anchor 1\): bundle \S+ holds item \S+ and is in block \S+ at height 1234567 of the best chain, with 20 or more confirmations$/m);
    expect(run.stdout).toMatch(/verifies offline \(--online also checks the blocks\)$/m);
  });

  it.each([
    ['a Merkle path with a sibling byte flipped', (a: BsvAnchor) => ({ ...a, merklePath: flip(a.merklePath!, a.merklePath!.length / 2 - 1) }), ['bsv.merkle-root']],
    ['another blockHash', (a: BsvAnchor) => ({ ...a, blockHash: flip(a.blockHash!, 31) }), ['bsv.header']],
    ['a header byte flipped in its Merkle root', (a: BsvAnchor) => ({ ...a, blockHeader: flip(a.blockHeader!, 40) }), ['bsv.header', 'bsv.merkle-root']],
    ['a header whose hash misses its nBits', (a: BsvAnchor) => {
      const forged = mineHeader({ merkleRoot: fixture.block.merkleRoot, meetsTarget: false });
      return { ...a, blockHeader: forged.header, blockHash: forged.hash };
    }, ['bsv.proof-of-work']],
    ['the header of another block', (a: BsvAnchor) => ({ ...a, blockHeader: mineHeader({ merkleRoot: '77'.repeat(32) }).header }), ['bsv.header', 'bsv.merkle-root']],
    ['no header (a bundle made before headers)', ({ blockHeader: _none, ...a }: BsvAnchor) => a, ['bsv.header', 'bsv.merkle-root', 'bsv.proof-of-work']],
  ])('refuses %s offline: exit 1, naming the check', async (_what, change, names) => {
    const run = await verifyWith('tampered.json', change);
    expect(run.code, run.stdout).toBe(1);
    const crossed = [...run.stdout.matchAll(/^✗ (\S+) \(anchor 0\)/gm)].map((m) => m[1]);
    expect(crossed.filter((name) => name !== 'bsv.proof-of-work' || names.includes(name))).toEqual(names);
    expect(run.stdout).toMatch(new RegExp(`does NOT verify: ${names[0]!.replace('.', '\\.')} \\(anchor 0\\)`));
  });

  it('says, for a bundle without header, that --online fetches it', async () => {
    const run = await verifyWith('older.json', ({ blockHeader: _none, ...a }) => a, '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.name === 'bsv.header')).toMatchObject({ ok: false, detail: expect.stringContaining('`publisher verify --online` fetches the header') });
  });
});
