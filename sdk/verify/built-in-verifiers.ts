import type { AnchorVerifier } from './anchor-verifier.ts';
import { arweaveVerifier } from './arweave/arweave-verifier.ts';
import { bsvVerifier } from './bsv/bsv-verifier.ts';

/** The verifiers of the chains built into the node, verifyProof's default. */
export const builtInVerifiers: readonly AnchorVerifier[] = [bsvVerifier, arweaveVerifier];
