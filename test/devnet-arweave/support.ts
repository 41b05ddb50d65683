import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Arweave from 'arweave';
import pino, { type Logger } from 'pino';

export function arweaveClient(url: string): Arweave {
  const { hostname, port, protocol } = new URL(url);
  return Arweave.init({ host: hostname, port: Number(port), protocol: protocol.replace(':', '') });
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'arweave-devnet-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A pino logger that keeps its lines (parsed) for the test to read. */
export function recordingLogger(level = process.env['TEST_LOG_LEVEL'] ?? 'debug'): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level }, sink), lines };
}

export interface GraphqlNode {
  id: string;
  tags: { name: string; value: string }[];
  block: { height: number; id: string } | null;
  bundledIn: { id: string } | null;
}

/** Every transaction GraphQL lists for a tag, following the cursor over pages of 100. */
export async function transactionsByTag(url: string, name: string, value: string, extra = ''): Promise<GraphqlNode[]> {
  const nodes: GraphqlNode[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await graphql<{ transactions: { pageInfo: { hasNextPage: boolean }; edges: { cursor: string; node: GraphqlNode }[] } }>(
      url,
      `query($name: String!, $value: String!, $after: String) {
        transactions(first: 100, after: $after, tags: [{ name: $name, values: [$value] }] ${extra}) {
          pageInfo { hasNextPage }
          edges { cursor node { id tags { name value } block { height id } bundledIn { id } } }
        }
      }`,
      { name, value, after },
    );
    nodes.push(...page.transactions.edges.map((edge) => edge.node));
    if (!page.transactions.pageInfo.hasNextPage) return nodes;
    after = page.transactions.edges.at(-1)?.cursor;
  }
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`GraphQL failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function status(url: string, id: string): Promise<{ code: number; type: string | null; text: string }> {
  const response = await fetch(`${url}/tx/${id}/status`);
  return { code: response.status, type: response.headers.get('content-type'), text: await response.text() };
}
