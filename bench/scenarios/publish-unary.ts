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
import { cpuPer, describeCpuPer, inI, NOT_MEASURED } from './ratios.ts';

const CONCURRENCY = [64, 128];
/** The rate the pre-signed pool is sized for (not a target). */
const POOL_RATE_PER_S = 4_000;
/** Target 2: CPU per intent ≤ 3 I + 2 E, p99 < 100 ms. */
const LIMIT_I = 3;
const LIMIT_E = 2;
const TARGET_P99_MS = 100;
/** Target 3: the main port's Publish rate ≥ 90% of the native port's, its empty call ≤ 1.5 E. */
const TARGET_SHARE = 0.9;
const EMPTY_SHARE = 1.5;

/**
 * Targets 2 and 3 (issue 22): Publish over gRPC on both ports of one node, beside an empty unary
 * method on the same ports in the same run. The "empty unary" is grpc.health.v1.Health/Check: it
 * passes the same HTTP/2 listener, router and interceptors (request log, error mapping, admin check)
 * and touches no database; its node CPU per call on the native port is E.
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
        const publish = await measure('unary', { ...common, method: 'publish', presign: presignBudget(POOL_RATE_PER_S, options.warmupMs, options.durationMs) }, targets);
        rows.push({ port, c, health, publish });
      }
    }

    // Every acceptance the clients saw must be in the database, with its transparency-log entry and publication.
    const accepted = rows.reduce((sum, r) => sum + r.publish.result.acceptedTotal, 0);
    const sql = new pg.Pool({ connectionString: s.databaseUrl, max: 1 });
    const stored = (
      await sql.query<{ records: number; events: number; pubs: number }>(
        `SELECT (SELECT count(*)::int FROM records) AS records,
                (SELECT count(*)::int FROM log_entries WHERE kind = 'intent.accepted') AS events,
                (SELECT count(*)::int FROM publications) AS pubs`,
      )
    ).rows[0]!;
    await sql.end();
    const consistent = stored.records === accepted && stored.events === accepted && stored.pubs === accepted;

    const errorsOf = (r: UnaryLoadResult) => Object.entries(r.errors).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
    const i = ctx.sameRun.intrinsic?.us;
    const at = (port: string, c: number) => rows.find((r) => r.port === port && r.c === c)!;
    const emptyCallUs = (m: Measured<UnaryLoadResult>) => (m.cpu.wallS > 0 && m.result.ok > 0 ? (m.cpu.nodeS * 1e6) / m.result.ok : undefined);
    for (const c of CONCURRENCY) {
      const e = emptyCallUs(at('native', c).health);
      if (e !== undefined) ctx.sameRun.emptyCallUs.set(c, e);
    }
    const verdictOf = (met: boolean | undefined) => (met === undefined ? NOT_MEASURED : verdict(met));
    const targetRows: [string, string, string, string][] = CONCURRENCY.flatMap((c) => {
      const e = ctx.sameRun.emptyCallUs.get(c);
      const native = at('native', c);
      const main = at('main', c);
      const p = native.publish.result;
      const per = cpuPer(native.publish.cpu, p.ok);
      const limit = i !== undefined && e !== undefined ? LIMIT_I * i + LIMIT_E * e : undefined;
      const met2 = per && limit !== undefined ? per.total <= limit && p.latencyMs.p99 < TARGET_P99_MS && Object.keys(p.errors).length === 0 : undefined;
      const share = p.callsPerS > 0 ? main.publish.result.callsPerS / p.callsPerS : 0;
      const mainEmpty = emptyCallUs(main.health);
      const emptyMet = mainEmpty !== undefined && e !== undefined ? mainEmpty <= EMPTY_SHARE * e : undefined;
      return [
        [
          `2. Publish unary, native port, ${c} in flight: CPU per intent ≤ 3 I + 2 E, p99 < ${TARGET_P99_MS} ms, no errors`,
          `${per ? describeCpuPer(per) : 'n/a'}, p99 ${ms(p.latencyMs.p99)} ms, errors ${errorsOf(p)}; ${num(p.callsPerS)}/s`,
          per && i !== undefined && limit !== undefined ? `${inI(per.total, i)}; limit 3 I + 2 E = ${num(limit)} µs (${inI(limit, i)})` : '—',
          verdictOf(met2),
        ],
        [
          `3. Publish unary, main port vs native, ${c} in flight: rate ≥ ${pct(TARGET_SHARE)} of native`,
          `${num(main.publish.result.callsPerS)}/s vs ${num(p.callsPerS)}/s`,
          pct(share),
          verdict(share >= TARGET_SHARE && p.callsPerS > 0),
        ],
        [
          `3. Empty call, main port, ${c} in flight: node CPU ≤ ${EMPTY_SHARE} E`,
          `${mainEmpty === undefined ? 'n/a' : num(mainEmpty)} µs per call; E = ${e === undefined ? 'n/a' : num(e)} µs`,
          mainEmpty !== undefined && e !== undefined ? `${num(mainEmpty / e, 1)} E` : '—',
          verdictOf(emptyMet),
        ],
      ];
    });
    const tableRows = rows.flatMap(({ port, c, health, publish }) => {
      const h = health.result;
      const p = publish.result;
      const e = emptyCallUs(health);
      const nativeE = ctx.sameRun.emptyCallUs.get(c);
      const per = cpuPer(publish.cpu, p.ok);
      return [
        [port, `Health/Check (empty unary)`, String(c), num(h.callsPerS), ms(h.latencyMs.p50), ms(h.latencyMs.p95), ms(h.latencyMs.p99), errorsOf(h), e === undefined ? 'n/a' : `node ${num(e)} µs`, port === 'native' ? '= E' : e !== undefined && nativeE !== undefined ? `${num(e / nativeE, 1)} E` : '—'],
        [port, `Publish`, String(c), num(p.callsPerS) + (p.exhausted ? ' (pool exhausted)' : ''), ms(p.latencyMs.p50), ms(p.latencyMs.p95), ms(p.latencyMs.p99), errorsOf(p), per ? describeCpuPer(per) : 'n/a', per && i !== undefined ? inI(per.total, i) : '—'],
      ];
    });
    const body = [
      'The empty unary method is `grpc.health.v1.Health/Check` on the same server and port: the same HTTP/2 listener, router and error mapping, no database; **E is its node CPU per call on the native gRPC port**, at the same calls in flight. Each node listens twice: the main port (connect-node: gRPC, gRPC-Web and Connect) and the native gRPC port (`PUBLISHER_GRPC_PORT`, @grpc/grpc-js), both running the same handlers and the same group commit, both called with the bench’s minimal HTTP/2 gRPC client (`bench/lib/h2-grpc.ts`: one stream per call, no compression; `--client connect` or `grpc-js` in `bench/load-unary.ts` for the library clients). All calls go over gRPC (HTTP/2, one connection) from the load process; Publish intents are signed before the clock starts, 256 creator keys, open registration, inline workers off.',
      '',
      i === undefined ? 'I was not measured in this run: no verdict for target 2.' : `Judged against I = ${num(i, 1)} µs measured in this run and E from the native port's rows below. CPU per intent: node (all its threads) + PostgreSQL over the measured window per accepted intent; the load process is left out. Rates are information.`,
      '',
      table(['target', 'measured', 'ratio', 'verdict'], targetRows),
      '',
      table(['port', 'method', 'in flight', 'calls/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU per call / intent', 'ratio'], tableRows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
      '',
      `Durability check after the run: ${num(accepted)} fresh acceptances seen by the clients; the database holds ${num(stored.records)} records, ${num(stored.events)} \`intent.accepted\` transparency-log entries and ${num(stored.pubs)} publications — ${consistent ? 'all equal' : '**MISMATCH**'}. Duplicates answered: ${rows.reduce((n, r) => n + r.publish.result.duplicates, 0)}.`,
      `One durable commit on this database (300 one-row INSERTs in autocommit, idle): p50 ${ms(commit.p50)} ms, p99 ${ms(commit.p99)} ms, i.e. at most ~${num(1_000 / commit.p50)} strictly serialised commits/s.`,
      '',
      ...rows.flatMap(({ port, c, health, publish }) => [
        `- ${port} port, ${c} in flight, Health/Check — ${describeCpu(health.cpu, health.result.ok, 'call')}.`,
        `- ${port} port, ${c} in flight, Publish — ${describeCpu(publish.cpu, publish.result.ok, 'intent')}; ${describeActivity(publish.activity)}.`,
      ]),
    ].join('\n');
    return {
      title: '2–3. Publish unary, and one port at full speed',
      target: `2: Publish unary on the native gRPC port, 64 and 128 calls in flight: CPU per intent ≤ 3 × I + 2 × E, p99 < ${TARGET_P99_MS} ms, no errors. 3: Publish on the main port ≥ ${pct(TARGET_SHARE)} of the native port's rate in the same run, and the main port's empty call ≤ ${EMPTY_SHARE} × E.`,
      body,
      loads: rows.flatMap(({ port, c, health, publish }) => [
        { label: `${port}: Health/Check ×${c}`, before: health.before, after: health.after },
        { label: `${port}: Publish ×${c}`, before: publish.before, after: publish.after },
      ]),
      findings: findingsOf(rows.map((r) => r.publish), commit.p50),
      summary: consistent ? targetRows : [...targetRows, ['Publish unary: durability check (records = log entries = publications = acceptances)', `${num(accepted)} accepted, ${num(stored.records)} records`, '—', '**MISMATCH**']],
      replaces: { titles: ['1. Publish (unary', '2–3. Publish unary'], summary: ['1. Publish unary', '2. Publish unary', '3. Publish unary', '3. Empty call', 'Publish unary:'], loads: ['main: ', 'native: '] },
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
