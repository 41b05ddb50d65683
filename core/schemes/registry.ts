import { arweaveRsaPssScheme } from './arweave-rsa-pss.ts';
import { secp256k1Scheme } from './secp256k1.ts';
import type { SignatureScheme } from './signature-scheme.ts';

const byName: ReadonlyMap<string, SignatureScheme> = new Map(
  // Adding a scheme: its own file, plus one entry here.
  [secp256k1Scheme, arweaveRsaPssScheme].map((scheme) => [scheme.name, scheme]),
);

/** The signature schemes the node accepts, by wire name. */
export const schemes = {
  get: (name: string): SignatureScheme | undefined => byName.get(name),
  names: [...byName.keys()] as readonly string[],
};
