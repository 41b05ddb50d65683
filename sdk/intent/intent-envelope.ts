import type { JsonObject } from '../json/json-value.ts';
import type { SchemeName } from '../schemes/scheme.ts';

/** The envelope of wire-format.md §1 before it is signed: every member the signature covers. */
export interface UnsignedIntent {
  readonly protocol: 'chain-publisher';
  readonly version: 1;
  readonly record: JsonObject;
  /** In the order given, which the signature covers; the node reports them sorted. */
  readonly targets: readonly string[];
  readonly nonce: string;
  readonly timestamp: string;
  readonly signer: { readonly scheme: SchemeName; readonly publicKey: string };
}

/** A signed envelope, as submitted to Publish and carried in receipts' proofs. */
export interface SignedIntent extends UnsignedIntent {
  readonly signature: string;
}
