export { verifyProof, type VerifyProofOptions } from './verify-proof.ts';
export { blockHeaderFromJson } from './bsv/header-from-json.ts';
export { verifyReceipt } from './verify-receipt.ts';
export { verifyIntent } from './verify-intent.ts';
export type { Anchor, ArweaveAnchor, BsvAnchor, Layer1TxHeader, ProofBundle, Receipt } from './proof-bundle.ts';
export type { CheckName, ComputedMerkleRoot, OnlineClaim, ProofCheck, ProofReport } from './proof-report.ts';
