// Micro-benchmark: how intake hands its long texts (envelopes, receipts) to PostgreSQL.
// `node --import tsx bench/pg-params.ts` (DATABASE_URL, or an embedded PostgreSQL in a temp dir).
// Inserts 1,000 rows shaped like `records` per statement, both ways, alternating, and prints per
// row: wall time, this process's CPU (building and sending the statement) and the backend's CPU.
//   arrays:    every column a PostgreSQL array literal (pg escapes each element in JavaScript)
//   json-text: the two long texts as one JSON array each (JSON.stringify), the rest as arrays,
//              paired up by position with ROWS FROM, as core/intake/insert-records.ts does
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parseIntent } from '../core/intent/index.ts';
import { checkpointSigner, entryBytes, generateLogKeyHex, logKeyFromSeedHex, receiptOf, withTree } from '../core/audit/index.ts';
import { canonicalJson } from '../core/canonical/index.ts';
import { startBenchPostgres } from './harness/postgres.ts';
import { newCreators, signMany } from './lib/intents.ts';

const ROWS = 1_000;
const STATEMENTS = 30;

const signer = checkpointSigner(logKeyFromSeedHex(generateLogKeyHex()), 'bench.localhost/pg-params');
const texts = signMany(newCreators(16), ['bsv', 'arweave'], ROWS);
const intents = texts.map((text) => parseIntent(text));
// Receipts as intake makes them: tlog proofs of one log holding these intents' entries.
const entries = intents.map((intent, i) =>
  entryBytes({ index: i, at: new Date(), kind: 'intent.accepted', actor: 'mzCreatorAddressOfTwentySixChars', subject: intent.recordId, dataJson: canonicalJson({ recordId: intent.recordId, creator: 'mzCreatorAddressOfTwentySixChars', targets: [...intent.targets].sort() }) }),
);
const log = withTree({ size: 0, levels: [[]] }, signer, { entries, kinds: entries.map(() => 'intent.accepted'), subjects: intents.map((i) => i.recordId) });
const rows = texts.map((text, i) => {
  const intent = intents[i]!;
  const receipt = receiptOf(log, i);
  return { id: intent.recordId, creator: 'mzCreatorAddressOfTwentySixChars', publicKey: intent.publicKeyText, nonce: intent.nonceText, targets: intent.targets.join(','), signedAt: intent.timestamp, text, size: text.length, receipt, seq: i };
});

const columns = `r char(64), c text, s text, k text, n text, t text[], sa timestamptz, aa timestamptz, j text, z int, rc text, q bigint`;
const shortArrays = () => [rows.map((x) => x.id), rows.map((x) => x.creator), rows.map(() => 'secp256k1'), rows.map((x) => x.publicKey), rows.map((x) => x.nonce), rows.map((x) => x.targets), rows.map((x) => x.signedAt)];
const ways: Record<string, (c: pg.PoolClient) => Promise<unknown>> = {
  arrays: (c) => {
    const [r, cr, s, k, n, t, sa] = shortArrays();
    return c.query(
      `INSERT INTO bench_rows SELECT r, c, s, k, n, string_to_array(t, ','), sa, $12, j, z, rc, q
         FROM unnest($1::char(64)[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::int[], $10::text[], $11::bigint[]) AS x(r, c, s, k, n, t, sa, j, z, rc, q)`,
      [r, cr, s, k, n, t, sa, rows.map((x) => x.text), rows.map((x) => x.size), rows.map((x) => x.receipt), rows.map((x) => x.seq), new Date()],
    );
  },
  'json-text': (c) => {
    const [r, cr, s, k, n, t, sa] = shortArrays();
    return c.query(
      `INSERT INTO bench_rows SELECT r, c, s, k, n, string_to_array(t, ','), sa, $12, j, z, rc, q
         FROM ROWS FROM (unnest($1::char(64)[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]), unnest($6::text[]),
                         unnest($7::timestamptz[]), json_array_elements_text($8::json), unnest($9::int[]), json_array_elements_text($10::json), unnest($11::bigint[])) AS x(r, c, s, k, n, t, sa, j, z, rc, q)`,
      [r, cr, s, k, n, t, sa, JSON.stringify(rows.map((x) => x.text)), rows.map((x) => x.size), JSON.stringify(rows.map((x) => x.receipt)), rows.map((x) => x.seq), new Date()],
    );
  },
};

const postgres = await startBenchPostgres();
const db = await postgres.createDatabase('pg-params');
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
try {
  const c = await pool.connect();
  await c.query(`CREATE TABLE bench_rows (${columns})`);
  const backend = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  // utime + stime of the backend, in ms (USER_HZ = 100 on Linux).
  const backendCpuMs = () => {
    const fields = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const local = postgres.embedded || /@(127\.0\.0\.1|localhost)[:/]/.test(db.url);
  console.log(`${ROWS} rows per statement, ${STATEMENTS} statements per round; PostgreSQL ${postgres.version}${local ? '' : ' (remote: backend CPU not read)'}`);
  for (let round = 1; round <= 3; round++) {
    for (const [name, insert] of Object.entries(ways)) {
      for (let i = 0; i < 3; i++) await insert(c); // warm-up
      await c.query('TRUNCATE bench_rows');
      const cpu = process.cpuUsage();
      const pgMs = local ? backendCpuMs() : 0;
      const t = performance.now();
      for (let i = 0; i < STATEMENTS; i++) await insert(c);
      const perRow = (ms: number) => ((ms * 1_000) / STATEMENTS / ROWS).toFixed(1).padStart(5);
      const used = process.cpuUsage(cpu);
      console.log(
        `round ${round} ${name.padEnd(9)} wall ${perRow(performance.now() - t)} µs/row   node CPU ${perRow((used.user + used.system) / 1_000)} µs/row   backend CPU ${local ? perRow(backendCpuMs() - pgMs) : '  n/a'} µs/row`,
      );
      await c.query('TRUNCATE bench_rows');
    }
  }
  c.release();
} finally {
  await pool.end();
  await db.drop();
  await postgres.stop();
}
