import { utf8 } from '../../encoding/utf8.ts';
import type { IntentFacts } from '../read-intent.ts';

/** What an anchor's OP_RETURN output must push, in order, or why that is unknown. */
export interface ExpectedPushes {
  readonly pushes: readonly Uint8Array[] | { readonly unknown: string };
  /** Each push, named for a failure's detail. */
  readonly names: readonly string[];
  /** All of them, for a pass's detail. */
  readonly what: string;
}

/** A record's output: wire-format.md §3's six pushes for this intent. */
export function recordPushes(facts: IntentFacts | undefined): ExpectedPushes {
  const names = ['the prefix "chainpub"', 'the format version 0x01', 'the digest', 'the signer scheme', 'the creator public key', 'the creator signature'];
  if (facts === undefined) return { pushes: { unknown: 'the intent could not be decoded, so the pushes it needs are unknown' }, names, what: 'the six §3 pushes' };
  return {
    pushes: [utf8('chainpub'), Uint8Array.of(0x01), facts.digest, utf8(facts.scheme.name), facts.publicKey, facts.signature],
    names,
    what: `the six §3 pushes for record ${facts.recordId}`,
  };
}

/** A log checkpoint's output (transparency-log.md §5): "chainpub", 0x02 and the signed note's UTF-8 bytes. */
export function checkpointPushes(note: string, origin: string, treeSize: number): ExpectedPushes {
  return {
    pushes: [utf8('chainpub'), Uint8Array.of(0x02), utf8(note)],
    names: ['the prefix "chainpub"', 'the checkpoint version 0x02', 'the signed checkpoint note'],
    what: `the three checkpoint pushes for ${origin} at tree size ${treeSize}`,
  };
}
