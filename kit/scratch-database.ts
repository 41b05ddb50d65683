import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** For the node's DATABASE_URL. */
  readonly url: string;
  drop(): Promise<void>;
}

/** An empty database on the server `serverUrl` names, for one node to migrate and use, dropped after. */
export async function scratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `publisher_kit_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
