import pg from 'pg';
import { summarise, type LatencySummary } from '../lib/latency.ts';

/**
 * The cost of one durable commit on this database: `n` one-row INSERTs in autocommit, one after
 * the other, each waiting for its WAL flush. Anything serialised per transaction (a lock held
 * until COMMIT) cannot go faster than 1 / this latency.
 */
export async function probeCommitLatency(databaseUrl: string, n = 300): Promise<LatencySummary> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS bench_commit_probe (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
    for (let i = 0; i < 20; i++) await client.query('INSERT INTO bench_commit_probe DEFAULT VALUES');
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await client.query('INSERT INTO bench_commit_probe DEFAULT VALUES');
      samples.push(performance.now() - t0);
    }
    await client.query('DROP TABLE bench_commit_probe');
    return summarise(samples);
  } finally {
    await client.end();
  }
}
