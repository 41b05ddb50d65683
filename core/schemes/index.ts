export { schemes } from './registry.ts';
export { secp256k1Scheme } from './secp256k1.ts';
export { arweaveRsaPssScheme } from './arweave-rsa-pss.ts';
export type { Network, SignatureScheme } from './signature-scheme.ts';
