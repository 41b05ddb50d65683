export { buildProof, type ProofBundle } from './build-proof.ts';
export { listAnchoredCheckpoints, type AnchoredCheckpointView, type CheckpointAnchorView } from './anchored-checkpoints.ts';
