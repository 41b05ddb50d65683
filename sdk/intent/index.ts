export { buildIntent, type BuildIntentParameters } from './build-intent.ts';
export { signIntent } from './sign-intent.ts';
export { recordIdOf } from './record-id-of.ts';
export { intentDigest, type IntentDigest } from './intent-digest.ts';
export type { SignedIntent, UnsignedIntent } from './intent-envelope.ts';
