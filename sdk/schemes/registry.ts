import { arweaveRsaPssScheme } from './arweave-rsa-pss.ts';
import type { VerifyingScheme } from './scheme.ts';
import { secp256k1Scheme } from './secp256k1.ts';

const byName: ReadonlyMap<string, VerifyingScheme> = new Map(
  // Adding a scheme: its own file, plus one entry here (as in the node's core/schemes).
  [secp256k1Scheme, arweaveRsaPssScheme].map((scheme) => [scheme.name, scheme]),
);

/** The scheme of a wire name, or undefined for one this SDK does not know. */
export function schemeByName(name: string): VerifyingScheme | undefined {
  return byName.get(name);
}
