/**
 * A receipt (wire-format.md §2 v2): the c2sp.org/tlog-proof@v1 text of an entry's inclusion in
 * the log, against the signed checkpoint of the group that appended it (transparency-log.md §3).
 */
export function tlogReceipt(entry: Uint8Array, index: number, proof: readonly Uint8Array[], checkpointNote: string): string {
  let text = `c2sp.org/tlog-proof@v1\nextra ${Buffer.from(entry).toString('base64')}\nindex ${index}\n`;
  for (const hash of proof) text += `${Buffer.from(hash).toString('base64')}\n`;
  return `${text}\n${checkpointNote}`;
}

/** The entry index and the checkpoint size of a receipt tlogReceipt() wrote (its `index` line, its checkpoint's size line). */
export function receiptPosition(receipt: string): { index: number; size: number } {
  const index = /^index (\d+)$/m.exec(receipt);
  const checkpoint = receipt.slice(receipt.indexOf('\n\n') + 2).split('\n');
  const size = Number(checkpoint[1]);
  if (index === null || !Number.isSafeInteger(size) || size <= Number(index[1])) throw new Error('a stored receipt is not a tlog proof of its entry');
  return { index: Number(index[1]), size };
}
