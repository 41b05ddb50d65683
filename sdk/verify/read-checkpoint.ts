import { decodeBase64 } from './base64.ts';

/** What a checkpoint's body says (c2sp.org/tlog-checkpoint), read but not yet checked. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly rootHash: Uint8Array;
}

/**
 * Reads the body of a signed checkpoint note: origin, decimal tree size and base64 root hash on
 * its first three lines, then optional extension lines, then the blank line before the
 * signatures. Throws with what is wrong; the signature is checked apart (checkNoteSignature).
 */
export function readCheckpoint(note: string): Checkpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note (no blank line before its signatures)');
  const [origin = '', sizeLine = '', rootLine = ''] = note.slice(0, split).split('\n');
  if (origin === '') throw new Error('the checkpoint has no origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new Error('the checkpoint has no tree size');
  const rootHash = decodeBase64(rootLine);
  if (rootHash.length !== 32) throw new Error('the checkpoint\'s root hash is not 32 bytes');
  return { origin, size: Number(sizeLine), rootHash };
}
