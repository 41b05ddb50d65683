import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ChainPlugin } from '../core/plugin/index.ts';
import { buildIntent, builtInVerifiers, createPublisherClient, generateKey, PublicationStatus, signIntent, verifyProof, type PublisherClient } from '../sdk/index.ts';
import { scratchDatabase, type ScratchDatabase } from './scratch-database.ts';
import { runCli } from './run-cli.ts';
import { spawnNode, type SpawnedNode } from './spawn-node.ts';

export interface NodeConformanceOptions {
  /** The plugin's default export: its verifier checks the node's proofs. */
  readonly plugin: ChainPlugin;
  /** What `chains.plugins.<name>` names, as an operator writes it: a path (relative to the working directory) or an installed package. */
  readonly module: string;
  /** `chains.<name>.*` of the node's publisher.yaml. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Records to publish (default 3). */
  readonly records?: number;
  /** How long the records may take to be CONFIRMED (default 5 minutes). */
  readonly timeoutMs?: number;
}

/**
 * The node-level conformance run: a real node (its own process, the dev profile; the PostgreSQL
 * of DATABASE_URL when set, else the embedded one) with only this plugin enabled, loaded from
 * `chains.plugins` as an operator's would be. It publishes records to the chain, waits for them to
 * be CONFIRMED, and checks every GetProof bundle with the plugin's verifier and with
 * `publisher verify --plugin`.
 */
export function nodeConformance(options: NodeConformanceOptions): void {
  const { plugin } = options;
  const timeoutMs = options.timeoutMs ?? 300_000;
  describe(`node conformance: ${plugin.name}`, () => {
    it('a node with the plugin publishes records to its chain, confirms them, and serves proofs that verify', async () => {
      const dir = await mkdtemp(join(tmpdir(), `${plugin.name}-node-`));
      // Traversable by others: run as root, the embedded PostgreSQL runs as an unprivileged user
      // and must reach its cluster in <dir>/data (mkdtemp makes the folder 0700).
      await chmod(dir, 0o711);
      let database: ScratchDatabase | undefined;
      let node: SpawnedNode | undefined;
      try {
        const module = options.module.startsWith('.') && !isAbsolute(options.module) ? resolve(options.module) : options.module;
        const config = join(dir, 'publisher.yaml');
        await writeFile(config, stringify({ chains: { enabled: [plugin.name], plugins: { [plugin.name]: module }, [plugin.name]: options.settings ?? {} } }));
        const serverUrl = process.env['DATABASE_URL'];
        database = serverUrl ? await scratchDatabase(serverUrl) : undefined;
        node = await spawnNode(['start', '--config', config], {
          PUBLISHER_DATA_DIR: join(dir, 'data'),
          PUBLISHER_OPEN_REGISTRATION: 'true',
          PUBLISHER_CONFIG: undefined,
          PUBLISHER_CHAINS: undefined,
          DATABASE_URL: database?.url,
        }, timeoutMs);
        const client = createPublisherClient({ baseUrl: node.url });
        const key = await generateKey('secp256k1');
        const ids: string[] = [];
        for (let n = 0; n < (options.records ?? 3); n++) {
          const intent = await signIntent(buildIntent({ record: { type: 'post', body: `node conformance ${n}` }, targets: [plugin.name], signer: key }), key);
          ids.push((await client.publish(intent)).recordId);
        }
        for (const recordId of ids) {
          await confirmed(client, recordId, Date.now() + timeoutMs);
          const { proof } = await client.getProof(recordId);
          const report = await verifyProof(proof, { verifiers: [...builtInVerifiers, plugin.verifier] });
          expect(report.checks.filter((check) => !check.ok)).toEqual([]);
          expect(report.checks.some((check) => check.name.startsWith(`${plugin.name}.`))).toBe(true);
          await writeFile(join(dir, 'proof.json'), JSON.stringify(proof));
          expect(await runCli(['verify', 'proof.json', '--plugin', module], { cwd: dir })).toMatchObject({ code: 0 });
          expect(await runCli(['verify', 'proof.json'], { cwd: dir })).toMatchObject({ code: 1, stdout: expect.stringContaining(`no verifier for chain "${plugin.name}"`) });
        }
      } finally {
        if (node !== undefined) {
          node.child.kill('SIGTERM');
          await node.exited;
        }
        await database?.drop();
        await rm(dir, { recursive: true, force: true });
      }
    }, timeoutMs * 2);
  });
}

async function confirmed(client: PublisherClient, recordId: string, deadline: number): Promise<void> {
  for (;;) {
    const record = await client.getRecord(recordId);
    const statuses = record.publications.map((publication) => publication.status);
    if (statuses.length > 0 && statuses.every((status) => status === PublicationStatus.CONFIRMED)) return;
    if (statuses.includes(PublicationStatus.FAILED)) throw new Error(`record ${recordId} FAILED: ${JSON.stringify(record.publications.map((p) => p.lastError))}`);
    if (Date.now() > deadline) throw new Error(`record ${recordId} not CONFIRMED in time: ${statuses.map((status) => PublicationStatus[status]).join(', ')}`);
    await new Promise((done) => setTimeout(done, 500));
  }
}
