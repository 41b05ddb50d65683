import type { SignedIntent } from '../intent/intent-envelope.ts';

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
  /** The c2sp.org/tlog-proof@v1 receipt text (wire-format.md §2). */
  readonly receipt: string;
  /** The operator's log (transparency-log.md §6): its verifier key, as the node gives it. */
  readonly log?: { readonly verifierKey: string; readonly [field: string]: unknown };
  readonly anchors: readonly Anchor[];
}
