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
