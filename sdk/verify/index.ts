export { verifyProof } from './verify-proof.ts';
export { verifyReceipt } from './verify-receipt.ts';
export { verifyIntent } from './verify-intent.ts';
export type { Anchor, ArweaveAnchor, BsvAnchor, ProofBundle, Receipt } from './proof-bundle.ts';
export type { CheckName, ComputedMerkleRoot, ProofCheck, ProofReport } from './proof-report.ts';
