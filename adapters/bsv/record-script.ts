import type { BatchRecord, LogCheckpoint } from '../../core/adapter/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import { pushData } from './push-data.ts';

/**
 * `OP_FALSE OP_RETURN` + "chainpub" + version 1: the same 13 bytes start every record output
 * (`00 6a 08 "chainpub" 01 01`), so an indexer can find records by a fixed byte prefix.
 *
 * The version byte is pushed as data, `01 01`, not as OP_1 (0x51): it is data like the five other
 * fields, and readers that take an OP_RETURN output's pushes as data chunks (most indexers and
 * explorers) see an opcode with no data for OP_1. MINIMALDATA, which would ask for OP_1, only
 * applies to pushes a script executes; nothing after OP_RETURN is ever executed, and ARC and
 * miners accept the direct push (the SDK's verifier reads both spellings).
 */
export const RECORD_PREFIX = Buffer.concat([Buffer.from([0x00, 0x6a]), pushData(Buffer.from('chainpub', 'ascii')), pushData(Uint8Array.of(0x01))]);

/** wire-format.md §3: the locking script of a record's 0-satoshi output. */
export function recordScript(record: Pick<BatchRecord, 'recordId' | 'digest' | 'scheme' | 'publicKey' | 'signature'>): Buffer {
  if (record.digest.length !== 32) throw new BsvAdapterError(`record ${record.recordId}: the digest has ${record.digest.length} bytes, not 32`);
  if (!/^[\x21-\x7e]+$/.test(record.scheme)) throw new BsvAdapterError(`record ${record.recordId}: the scheme name ${JSON.stringify(record.scheme)} is not printable ASCII`);
  if (record.publicKey.length === 0 || record.signature.length === 0) throw new BsvAdapterError(`record ${record.recordId}: empty creator public key or signature`);
  return Buffer.concat([RECORD_PREFIX, pushData(record.digest), pushData(Buffer.from(record.scheme, 'ascii')), pushData(record.publicKey), pushData(record.signature)]);
}

/**
 * transparency-log.md §5: the locking script of a log checkpoint's 0-satoshi output,
 * `OP_FALSE OP_RETURN` + "chainpub" + version 2 + the signed note's bytes (UTF-8), verbatim.
 */
export function checkpointScript(checkpoint: Pick<LogCheckpoint, 'note'>): Buffer {
  if (checkpoint.note.length === 0) throw new BsvAdapterError('a checkpoint note is empty');
  return Buffer.concat([Buffer.from([0x00, 0x6a]), pushData(Buffer.from('chainpub', 'ascii')), pushData(Uint8Array.of(0x02)), pushData(Buffer.from(checkpoint.note, 'utf8'))]);
}
