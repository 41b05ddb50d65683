/**
 * A receipt (wire-format.md §2 v2): the c2sp.org/tlog-proof@v1 text of an entry's inclusion in
 * the log, against the signed checkpoint of the group that appended it (transparency-log.md §3).
 */
export function tlogReceipt(entry: Uint8Array, index: number, proof: readonly Uint8Array[], checkpointNote: string): string {
  let text = `c2sp.org/tlog-proof@v1\nextra ${Buffer.from(entry).toString('base64')}\nindex ${index}\n`;
  for (const hash of proof) text += `${Buffer.from(hash).toString('base64')}\n`;
  return `${text}\n${checkpointNote}`;
}
