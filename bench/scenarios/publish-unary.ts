import pg from 'pg';
import { freePort } from '../../devnet/free-port.ts';
import { probeCommitLatency } from '../harness/commit-probe.ts';
import { ms, num, pct, table, verdict } from '../harness/markdown.ts';
import { measure, type Measured } from '../harness/measure.ts';
import { withNode } from '../harness/node-session.ts';
import type { Scenario, ScenarioReport } from '../harness/scenario.ts';
import type { UnaryLoadResult } from '../lib/load-result.ts';
import { describeActivity, describeCpu } from './describe-cpu.ts';
import { INTAKE_ENV, presignBudget } from './intake-env.ts';

const CONCURRENCY = [64, 128];
const TARGET_PER_S = 2_000;
const TARGET_P99_MS = 100;
const TARGET_SHARE = 0.8;

/**
 * Target 1: Publish over gRPC against an empty unary method on the same server in the same run.
 * The "empty unary" is grpc.health.v1.Health/Check: it passes the same HTTP/2 listener, router
 * and interceptors (request log, error mapping, admin check) and touches no database.
 */
export const publishUnary: Scenario = async (ctx) => {
  const grpcPort = await freePort();
  return withNode(ctx, 'publish-unary', { ...INTAKE_ENV, PUBLISHER_GRPC_PORT: String(grpcPort) }, async (s): Promise<ScenarioReport> => {
    const { options } = ctx;
    const commit = await probeCommitLatency(s.databaseUrl);
    const targets = { nodePids: [s.node.pid], postmasterPid: ctx.postgres.postmasterPid, database: { url: s.databaseUrl, name: s.databaseName } };
    // Both listeners of the one node: the main port (connect-node) and the native gRPC port
    // (@grpc/grpc-js), each called with the bench's own minimal HTTP/2 gRPC client (bench/lib/h2-grpc.ts),
    // whose CPU per call is a fraction of grpc-js's or connect-node's: on 2 cores, every microsecond
    // the load spends is taken from the node it measures.
    const ports = [
      { port: 'main', url: s.url, client: 'h2' },
      { port: 'native', url: `http://127.0.0.1:${grpcPort}`, client: 'h2' },
    ];
    const rows: { port: string; c: number; health: Measured<UnaryLoadResult>; publish: Measured<UnaryLoadResult> }[] = [];
    for (const { port, url, client } of ports) {
      for (const c of CONCURRENCY) {
        const common = { url, client, concurrency: c, 'warmup-ms': options.warmupMs, 'duration-ms': options.durationMs };
        ctx.say(`publish-unary: ${port} port, Health/Check, ${c} in flight`);
        const health = await measure('unary', { ...common, method: 'health' }, targets);
        ctx.say(`publish-unary: ${port} port, Publish, ${c} in flight`);
        const publish = await measure('unary', { ...common, method: 'publish', presign: presignBudget(2 * TARGET_PER_S, options.warmupMs, options.durationMs) }, targets);
        rows.push({ port, c, health, publish });
      }
    }

    // Every acceptance the clients saw must be in the database, with its audit event and publication.
    const accepted = rows.reduce((sum, r) => sum + r.publish.result.acceptedTotal, 0);
    const sql = new pg.Pool({ connectionString: s.databaseUrl, max: 1 });
    const stored = (
      await sql.query<{ records: number; events: number; pubs: number }>(
        `SELECT (SELECT count(*)::int FROM records) AS records,
                (SELECT count(*)::int FROM audit_events WHERE kind = 'intent.accepted') AS events,
                (SELECT count(*)::int FROM publications) AS pubs`,
      )
    ).rows[0]!;
    await sql.end();
    const consistent = stored.records === accepted && stored.events === accepted && stored.pubs === accepted;

    const errorsOf = (r: UnaryLoadResult) => Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
    const tableRows = rows.flatMap(({ port, c, health, publish }) => {
      const h = health.result;
      const p = publish.result;
      const share = h.callsPerS > 0 ? p.callsPerS / h.callsPerS : 0;
      const met = p.callsPerS >= TARGET_PER_S && p.latencyMs.p99 < TARGET_P99_MS && share >= TARGET_SHARE && Object.keys(p.errors).length === 0;
      return [
        [port, `Health/Check (empty unary)`, String(c), num(h.callsPerS), ms(h.latencyMs.p50), ms(h.latencyMs.p95), ms(h.latencyMs.p99), errorsOf(h), '—', 'baseline'],
        [port, `Publish`, String(c), num(p.callsPerS) + (p.exhausted ? ' (pool exhausted)' : ''), ms(p.latencyMs.p50), ms(p.latencyMs.p95), ms(p.latencyMs.p99), errorsOf(p), pct(share), verdict(met)],
      ];
    });
    const body = [
      'The empty unary method is `grpc.health.v1.Health/Check` on the same server and port: the same HTTP/2 listener, router and error mapping, no database. Each node listens twice: the main port (connect-node: gRPC, gRPC-Web and Connect) and the native gRPC port (`PUBLISHER_GRPC_PORT`, @grpc/grpc-js), both running the same handlers and the same group commit, both called with the bench’s minimal HTTP/2 gRPC client (`bench/lib/h2-grpc.ts`: one stream per call, no compression; `--client connect` or `grpc-js` in `bench/load-unary.ts` for the library clients). All calls go over gRPC (HTTP/2, one connection) from the load process; Publish intents are signed before the clock starts, 256 creator keys, open registration, inline workers off.',
      '',
      table(['port', 'method', 'in flight', 'calls/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'vs empty unary', 'target 1'], tableRows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']),
      '',
      `Target 1 needs, per row: ≥ ${num(TARGET_PER_S)} intents/s, p99 < ${TARGET_P99_MS} ms, ≥ ${pct(TARGET_SHARE)} of the empty unary's throughput at the same concurrency, no errors.`,
      `Durability check after the run: ${num(accepted)} fresh acceptances seen by the clients; the database holds ${num(stored.records)} records, ${num(stored.events)} \`intent.accepted\` audit events and ${num(stored.pubs)} publications — ${consistent ? 'all equal' : '**MISMATCH**'}. Duplicates answered: ${rows.reduce((n, r) => n + r.publish.result.duplicates, 0)}.`,
      `One durable commit on this database (300 one-row INSERTs in autocommit, idle): p50 ${ms(commit.p50)} ms, p99 ${ms(commit.p99)} ms, i.e. at most ~${num(1_000 / commit.p50)} strictly serialised commits/s.`,
      '',
      ...rows.flatMap(({ port, c, health, publish }) => [
        `- ${port} port, ${c} in flight, Health/Check — ${describeCpu(health.cpu, health.result.ok, 'call')}.`,
        `- ${port} port, ${c} in flight, Publish — ${describeCpu(publish.cpu, publish.result.ok, 'intent')}; ${describeActivity(publish.activity)}.`,
      ]),
    ].join('\n');
    return {
      title: '1. Publish (unary, gRPC) against an empty unary method',
      target: '≥ 2,000 intents/s with 64+ calls in flight, p99 < 100 ms, ≥ 80% of the throughput of an empty unary method on the same server in the same run.',
      body,
      loads: rows.flatMap(({ port, c, health, publish }) => [
        { label: `${port}: Health/Check ×${c}`, before: health.before, after: health.after },
        { label: `${port}: Publish ×${c}`, before: publish.before, after: publish.after },
      ]),
      findings: findingsOf(rows.map((r) => r.publish), commit.p50),
      summary: rows.map(({ port, c, health, publish }) => {
        const p = publish.result;
        const share = health.result.callsPerS > 0 ? p.callsPerS / health.result.callsPerS : 0;
        const met = p.callsPerS >= TARGET_PER_S && p.latencyMs.p99 < TARGET_P99_MS && share >= TARGET_SHARE && Object.keys(p.errors).length === 0;
        return [`1. Publish unary, ${port} port, ${c} in flight: ≥ 2,000/s, p99 < 100 ms, ≥ 80% of empty unary`, `${num(p.callsPerS)}/s, p99 ${ms(p.latencyMs.p99)} ms, ${pct(share)}`, verdict(met)];
      }),
    };
  });
};

/** Evidence for the bottleneck section, from the database's wait states and the CPU split. */
function findingsOf(publish: Measured<UnaryLoadResult>[], commitP50: number): string[] {
  const out: string[] = [];
  for (const m of publish) {
    const total = m.activity?.states.reduce((sum, [, n]) => sum + n, 0) ?? 0;
    const advisory = m.activity?.states.filter(([k]) => k.includes('Lock:advisory')).reduce((sum, [, n]) => sum + n, 0) ?? 0;
    const walSync = m.activity?.states.filter(([k]) => k.includes('WALSync') || k.includes('WALWrite')).reduce((sum, [, n]) => sum + n, 0) ?? 0;
    out.push(
      `Publish ×${m.result.concurrency}: ${num(m.result.callsPerS)} intents/s; database backends waiting on the advisory lock in ${total ? pct(advisory / total) : 'n/a'} and on WAL write/flush in ${total ? pct(walSync / total) : 'n/a'} of samples; ${num(m.activity?.meanActive ?? 0, 1)} backends active on average. ` +
        `Serial commit floor ${ms(commitP50)} ms → ${num(1_000 / commitP50)} commits/s if every transaction waits for the previous one's flush.`,
    );
  }
  return out;
}
