import type { PoolClient } from 'pg';
import { entryDataJsons, sequenceEntries, storeAppended, type Appended } from './append-entries.ts';
import type { AuditInput } from './audit-event.ts';
import type { Frontier } from './grow-tree.ts';
import type { CheckpointSigner } from './log-key.ts';
import { lockLogHead } from './log-head.ts';
import { startLog } from './start-log.ts';

/** Takes the log's lock (held until the transaction ends) and reads its head, starting the log if it never was. */
export async function lockLog(client: PoolClient, signer: CheckpointSigner): Promise<Frontier> {
  return (await lockLogHead(client)) ?? (await startLog(client, signer));
}

/**
 * Appends entries to the transparency log inside the caller's open transaction, so they commit
 * or vanish together with the change they describe, under ONE signed checkpoint stored with them.
 * Call it as late as possible in the transaction: the log's head is locked from here until commit.
 */
export async function appendAuditEvents(client: PoolClient, signer: CheckpointSigner, inputs: readonly AuditInput[], at: Date = new Date()): Promise<Appended | undefined> {
  if (inputs.length === 0) return undefined;
  // Everything that does not depend on the log's head is done before taking its lock.
  const dataJsons = entryDataJsons(inputs);
  const appended = sequenceEntries(await lockLog(client, signer), signer, inputs, dataJsons, at);
  await storeAppended(client, appended);
  return appended;
}
