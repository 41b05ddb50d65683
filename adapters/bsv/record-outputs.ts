import { RECORD_PREFIX } from './record-script.ts';
import type { TxParts } from './tx-format.ts';

/** After the 13-byte prefix, the digest's direct push: `20` and 32 bytes (wire-format.md §3). */
const DIGEST_AT = RECORD_PREFIX.length + 1;

/**
 * The record outputs of a transaction: each output whose script starts as a record's does
 * (wire-format.md §3), with its record id (the digest, hex) and its locator (the output index,
 * as build() gives it).
 */
export function recordOutputs(tx: TxParts): { recordId: string; locator: string }[] {
  return tx.outputs.flatMap(({ script }, vout) =>
    script.length >= DIGEST_AT + 32 && script.subarray(0, RECORD_PREFIX.length).equals(RECORD_PREFIX) && script[RECORD_PREFIX.length] === 0x20
      ? [{ recordId: script.subarray(DIGEST_AT, DIGEST_AT + 32).toString('hex'), locator: String(vout) }]
      : [],
  );
}

/** After `00 6a 08 "chainpub"`, the version push of a checkpoint output: `01 02` (wire-format.md §3). */
const CHECKPOINT_PREFIX = Buffer.concat([RECORD_PREFIX.subarray(0, RECORD_PREFIX.length - 2), Buffer.of(0x01, 0x02)]);

/**
 * The log checkpoint outputs of a transaction (transparency-log.md §5): `OP_FALSE OP_RETURN
 * "chainpub" 0x02 <note>` with exactly one more push, the note, read back as UTF-8 text.
 */
export function checkpointOutputs(tx: TxParts): { note: string; locator: string }[] {
  return tx.outputs.flatMap(({ script }, vout) => {
    if (script.length <= CHECKPOINT_PREFIX.length || !script.subarray(0, CHECKPOINT_PREFIX.length).equals(CHECKPOINT_PREFIX)) return [];
    const note = singlePush(script.subarray(CHECKPOINT_PREFIX.length));
    return note === undefined ? [] : [{ note: note.toString('utf8'), locator: String(vout) }];
  });
}

/** The data of a script that is exactly one push (direct, PUSHDATA1 or PUSHDATA2), else undefined. */
function singlePush(script: Buffer): Buffer | undefined {
  const op = script[0]!;
  const [start, length] = op < 0x4c ? [1, op] : op === 0x4c ? [2, script[1] ?? -1] : op === 0x4d && script.length >= 3 ? [3, script.readUInt16LE(1)] : [0, -1];
  return length > 0 && start + length === script.length ? script.subarray(start) : undefined;
}
