import pg from 'pg';

/**
 * Samples what the database's backends are doing (pg_stat_activity) ten times a second while a
 * load runs: how often they are waiting, and on what (an advisory lock, a WAL flush, the client).
 * It is the evidence for "where does the time go" without instrumenting the node.
 */
export interface ActivityProfile {
  samples: number;
  /** Backend-samples per state, e.g. "active · Lock:advisory" → 1234, most frequent first. */
  states: [string, number][];
  /** Mean number of backends active (running a statement) per sample. */
  meanActive: number;
}

export function sampleActivity(databaseUrl: string, database: string, everyMs = 100): { stop(): Promise<ActivityProfile> } {
  const client = new pg.Client({ connectionString: databaseUrl });
  const counts = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const { rows } = await client.query<{ state: string | null; wait: string | null }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [database],
      );
      samples += 1;
      for (const row of rows) {
        if (row.state === 'active') active += 1;
        const key = `${row.state ?? '?'} · ${row.wait ?? 'on CPU'}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop.catch(() => undefined);
      await client.end().catch(() => undefined);
      return { samples, states: [...counts].sort((a, b) => b[1] - a[1]), meanActive: samples > 0 ? active / samples : 0 };
    },
  };
}
