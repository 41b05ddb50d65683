import type { JsonObject } from '../canonical/index.ts';
import type { SignatureScheme } from '../schemes/index.ts';

/** The signed envelope of wire-format.md §1, as submitted. */
export interface IntentEnvelope {
  readonly protocol: 'chain-publisher';
  readonly version: 1;
  readonly record: JsonObject;
  /** In the submitted order, which the signature covers. */
  readonly targets: readonly string[];
  readonly nonce: string;
  readonly timestamp: string;
  readonly signer: { readonly scheme: string; readonly publicKey: string };
  readonly signature: string;
}

/** An envelope that passed the size, JSON and schema checks, with everything derived from it. */
export interface ParsedIntent {
  readonly envelope: IntentEnvelope;
  /** UTF-8 length of the submitted text. */
  readonly sizeBytes: number;
  /** RFC 8785 JSON of the envelope without "signature": what the digest covers. */
  readonly signingInput: string;
  readonly digest: Uint8Array;
  /** Lowercase hex of the digest. */
  readonly recordId: string;
  readonly scheme: SignatureScheme;
  readonly publicKey: Uint8Array;
  readonly publicKeyText: string;
  readonly signature: Uint8Array;
  readonly signatureText: string;
  readonly nonce: Uint8Array;
  readonly nonceText: string;
  readonly timestamp: Date;
  readonly timestampMs: number;
  /** Sorted, for storage and comparison; the order carries no meaning. */
  readonly targets: readonly string[];
  readonly record: JsonObject;
}

/** A parsed intent whose signature was checked against its own public key. */
export interface VerifiedIntent extends ParsedIntent {
  readonly verified: true;
}
