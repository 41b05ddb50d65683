export { buildProof, type ProofBundle } from './build-proof.ts';
