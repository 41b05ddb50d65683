import type { SignedIntent } from '../intent/intent-envelope.ts';

/** The operator's signed promise to publish (wire-format.md §2). */
export interface Receipt {
  readonly recordId: string;
  readonly creator: string;
  readonly targets: readonly string[];
  readonly acceptedAt: string;
  readonly auditSeq: number;
  readonly operator: { readonly scheme: string; readonly publicKey: string };
  readonly signature: string;
}

/**
 * Where a record sits on one chain (wire-format.md §5): `chain` names the chain, and the rest is
 * that chain's own shape, read by that chain's verifier (an `AnchorVerifier`).
 */
export interface Anchor {
  readonly chain: string;
  readonly network?: string;
  readonly [field: string]: unknown;
}

/** The proof bundle of wire-format.md §5, as GetProof returns it. */
export interface ProofBundle {
  /** The signed envelope, parsed. */
  readonly intent: SignedIntent;
  readonly receipt: Receipt;
  readonly anchors: readonly Anchor[];
}
