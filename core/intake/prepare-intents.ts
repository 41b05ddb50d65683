import { PublisherError } from '../errors/index.ts';
import { parseIntent, verifyIntent } from '../intent/index.ts';
import type { IntentLimits, ParsedIntent } from '../intent/index.ts';
import { schemes, type Network, type SignatureScheme } from '../schemes/index.ts';

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

/**
 * What verifying a parsed intent's signature takes, packed in one buffer of its own: one object
 * to clone between threads rather than three views of Node's shared buffer pool (which
 * structured clone would copy whole).
 */
export interface SignatureCheck {
  readonly schemeName: string;
  /** The 32-byte digest, the signature, then the public key. */
  readonly bytes: Uint8Array;
  readonly signatureLength: number;
}

export type Prepared = { ok: true; intent: IntakeIntent } | { ok: false; error: PublisherError };
export type Parsed = { ok: true; intent: IntakeIntent; check: SignatureCheck } | { ok: false; error: PublisherError };

/**
 * The stateless half of intake: parse and verify each envelope. Refusals here concern input no
 * known party stands behind (malformed, oversize, forged), so they touch no table at all.
 * Pure CPU: runs on the event loop or on the intake threads (intake-threads.ts).
 */
export function prepareIntents(texts: readonly string[], limits: IntentLimits, network: Network): Prepared[] {
  return texts.map((text) => {
    try {
      const parsed = parseIntent(text, limits);
      verifyIntent(parsed);
      return { ok: true, intent: intakeIntent(parsed, network) };
    } catch (error) {
      if (error instanceof PublisherError) return { ok: false, error };
      throw error;
    }
  });
}

/**
 * The first half of `prepareIntents` alone, for a node whose registry is closed: the signer is
 * looked up before its signature is checked (`verifySignatures`), so that a stranger's
 * envelopes cost a parse, never a verification.
 */
export function parseIntents(texts: readonly string[], limits: IntentLimits, network: Network): Parsed[] {
  return texts.map((text) => {
    try {
      const parsed = parseIntent(text, limits);
      return { ok: true, intent: intakeIntent(parsed, network), check: signatureCheck(parsed) };
    } catch (error) {
      if (error instanceof PublisherError) return { ok: false, error };
      throw error;
    }
  });
}

/** The second half: true where the signature verifies (`verifyIntent`'s test, on the same bytes). */
export function verifySignatures(checks: readonly SignatureCheck[]): boolean[] {
  return checks.map(({ schemeName, bytes, signatureLength }) => {
    const end = DIGEST_BYTES + signatureLength;
    return schemes.get(schemeName)?.verify(bytes.subarray(0, DIGEST_BYTES), bytes.subarray(DIGEST_BYTES, end), bytes.subarray(end)) === true;
  });
}

const DIGEST_BYTES = 32;

function signatureCheck(parsed: ParsedIntent): SignatureCheck {
  const bytes = new Uint8Array(DIGEST_BYTES + parsed.signature.length + parsed.publicKey.length);
  bytes.set(parsed.digest);
  bytes.set(parsed.signature, DIGEST_BYTES);
  bytes.set(parsed.publicKey, DIGEST_BYTES + parsed.signature.length);
  return { schemeName: parsed.scheme.name, bytes, signatureLength: parsed.signature.length };
}

function intakeIntent(parsed: ParsedIntent, network: Network): IntakeIntent {
  return {
    recordId: parsed.recordId,
    schemeName: parsed.scheme.name,
    publicKeyText: parsed.publicKeyText,
    nonceText: parsed.nonceText,
    targets: parsed.targets,
    timestamp: parsed.timestamp,
    timestampMs: parsed.timestampMs,
    sizeBytes: parsed.sizeBytes,
    creator: creatorOf(parsed.scheme, parsed.publicKey, parsed.publicKeyText, network),
  };
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
