import { PublisherError } from '../errors/index.ts';
import { parseIntent, verifyIntent } from '../intent/index.ts';
import type { IntentLimits } from '../intent/index.ts';
import type { Network, SignatureScheme } from '../schemes/index.ts';

/**
 * What the stateful half of intake needs of a verified intent: plain data only, so that it can
 * cross from a verification thread to the event loop by structured clone.
 */
export interface IntakeIntent {
  readonly recordId: string;
  readonly schemeName: string;
  readonly publicKeyText: string;
  readonly nonceText: string;
  /** Sorted, for storage and comparison. */
  readonly targets: readonly string[];
  readonly timestamp: Date;
  readonly timestampMs: number;
  readonly sizeBytes: number;
  /** The signer's address on the node's network: the record's creator. */
  readonly creator: string;
}

export type Prepared = { ok: true; intent: IntakeIntent } | { ok: false; error: PublisherError };

/**
 * The stateless half of intake: parse and verify each envelope. Refusals here concern input no
 * known party stands behind (malformed, oversize, forged), so they touch no table at all.
 * Pure CPU: runs on the event loop or on the intake threads (intake-threads.ts).
 */
export function prepareIntents(texts: readonly string[], limits: IntentLimits, network: Network): Prepared[] {
  return texts.map((text) => {
    try {
      const intent = verifyIntent(parseIntent(text, limits));
      return {
        ok: true,
        intent: {
          recordId: intent.recordId,
          schemeName: intent.scheme.name,
          publicKeyText: intent.publicKeyText,
          nonceText: intent.nonceText,
          targets: intent.targets,
          timestamp: intent.timestamp,
          timestampMs: intent.timestampMs,
          sizeBytes: intent.sizeBytes,
          creator: creatorOf(intent.scheme, intent.publicKey, intent.publicKeyText, network),
        },
      };
    } catch (error) {
      if (error instanceof PublisherError) return { ok: false, error };
      throw error;
    }
  });
}

// Deriving an address hashes and base58-encodes the key; creators send many intents with one key.
const addresses = new Map<string, string>();
const ADDRESS_CACHE_MAX = 10_000;

function creatorOf(scheme: SignatureScheme, publicKey: Uint8Array, publicKeyText: string, network: Network): string {
  const key = `${network}:${scheme.name}:${publicKeyText}`;
  let address = addresses.get(key);
  if (address === undefined) {
    address = scheme.address(publicKey, network);
    if (addresses.size >= ADDRESS_CACHE_MAX) addresses.clear();
    addresses.set(key, address);
  }
  return address;
}
