import type { Pool, PoolClient } from 'pg';
import { asStoreError } from './store-errors.ts';

/**
 * Runs `fn` in one database transaction on one connection: committed if it returns, rolled back
 * if it throws. Connectivity failures come out as STORE_UNAVAILABLE.
 */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw asStoreError(error);
  }
  let broken = false;
  // A connection lost while we hold the client between statements (say, during a chain's network
  // call) is emitted on the client, and an unheard 'error' event would crash the process. The
  // next statement fails anyway, so listening is enough.
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw asStoreError(error);
  } finally {
    client.off('error', onError);
    // A connection that failed or could not even roll back is discarded rather than reused.
    client.release(broken);
  }
}
