export { verifyProof, type VerifyProofOptions } from './verify-proof.ts';
export { blockHeaderFromJson } from './bsv/header-from-json.ts';
export { verifyReceipt } from './verify-receipt.ts';
export { verifyIntent } from './verify-intent.ts';
export type { AnchorContext, AnchorVerification, AnchorVerifier } from './anchor-verifier.ts';
export type { IntentFacts } from './read-intent.ts';
export type { Anchor, ArweaveAnchor, BsvAnchor, Layer1TxHeader, ProofBundle, Receipt } from './proof-bundle.ts';
export { proofChecks, type CheckName, type ComputedMerkleRoot, type OnlineClaim, type ProofCheck, type ProofReport } from './proof-report.ts';
