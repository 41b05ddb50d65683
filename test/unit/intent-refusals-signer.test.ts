import { secp256k1Scheme } from '../../core/schemes/index.ts';
import { base64urlOf, describeRefusals, edit, valid, type RefusalCase } from './support/refusal-cases.ts';
import { baseEnvelope, signEnvelope, signedWith } from './support/signed-envelope.ts';

const signer = baseEnvelope().signer as { scheme: string; publicKey: string };
const withSigner = (value: Record<string, unknown> | string | unknown[]): string => signedWith({ signer: value as never });

const cases: RefusalCase[] = [
  { rule: 'a signer that is a string', text: withSigner('secp256k1'), reason: 'MALFORMED_INTENT', message: /signer must be an object/, field: 'signer' },
  { rule: 'a signer that is an array', text: withSigner([]), reason: 'MALFORMED_INTENT', message: /signer must be an object/, field: 'signer' },
  { rule: 'an unknown signer member', text: withSigner({ ...signer, keyId: 'k1' }), reason: 'MALFORMED_INTENT', message: /unknown member signer\."keyId"/, field: 'signer.keyId' },
  { rule: 'an unsupported scheme', text: withSigner({ ...signer, scheme: 'ed25519' }), reason: 'MALFORMED_INTENT', message: /"ed25519" is not supported; use one of: secp256k1, arweave-rsa-pss/, field: 'signer.scheme' },
  { rule: 'a scheme named like an Object.prototype member', text: withSigner({ ...signer, scheme: 'constructor' }), reason: 'MALFORMED_INTENT', message: /not supported/, field: 'signer.scheme' },
  { rule: 'a missing public key', text: withSigner({ scheme: 'secp256k1' }), reason: 'MALFORMED_INTENT', message: /missing member signer\.publicKey/, field: 'signer.publicKey' },
  { rule: 'a numeric scheme', text: withSigner({ ...signer, scheme: 1 }), reason: 'MALFORMED_INTENT', message: /signer\.scheme must be a string/, field: 'signer.scheme' },
  { rule: 'an uppercase public key', text: withSigner({ ...signer, publicKey: signer.publicKey.toUpperCase() }), reason: 'MALFORMED_INTENT', message: /secp256k1 publicKey must be 66 lowercase hex/, field: 'signer.publicKey' },
  { rule: 'an uncompressed public key', text: withSigner({ ...signer, publicKey: `04${'11'.repeat(64)}` }), reason: 'MALFORMED_INTENT', message: /compressed point/, field: 'signer.publicKey' },
  { rule: 'a public key off the curve', text: withSigner({ ...signer, publicKey: `02${'00'.repeat(31)}05` }), reason: 'MALFORMED_INTENT', message: /not a point on the curve/, field: 'signer.publicKey' },
  { rule: 'an RSA public key of the wrong length', text: withSigner({ scheme: 'arweave-rsa-pss', publicKey: base64urlOf(256) }), reason: 'MALFORMED_INTENT', message: /arweave-rsa-pss publicKey .* 512 bytes/, field: 'signer.publicKey' },
  { rule: 'a signature of the wrong length', text: edit(`"signature":"`, `"signature":"AAAA`), reason: 'MALFORMED_INTENT', message: /64-byte compact/, field: 'signature' },
  { rule: 'a padded signature', text: valid.replace(/"signature":"([^"]+)"/, '"signature":"$1=="'), reason: 'MALFORMED_INTENT', message: /base64url/, field: 'signature' },
  { rule: 'a numeric signature', text: valid.replace(/"signature":"[^"]+"/, '"signature":0'), reason: 'MALFORMED_INTENT', message: /signature must be a string/, field: 'signature' },
  // Only a well-formed envelope reaches the signature check.
  { rule: 'a record changed after signing', text: edit('"Song"', '"Song!"'), reason: 'BAD_SIGNATURE', message: /does not verify under secp256k1/ },
  { rule: 'a signature by another key', text: signEnvelope(baseEnvelope(), secp256k1Scheme, Buffer.alloc(32, 0x22)), reason: 'BAD_SIGNATURE', message: /does not verify/ },
  { rule: 'a target changed after signing', text: edit('"bsv"', '"bsv-2"'), reason: 'BAD_SIGNATURE', message: /does not verify/ },
];

describeRefusals('intent refusals: signer and signature', cases);
