import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256, type JsonObject } from '../core/canonical/index.ts';
import { secp256k1Scheme, type Network, type SignatureScheme } from '../core/schemes/index.ts';

export interface TestCreator {
  scheme: SignatureScheme;
  privateKey: Uint8Array;
  publicKey: string;
  address(network?: Network): string;
  /** A signed envelope with a fresh nonce and the current time, unless given. */
  intent(options?: { record?: JsonObject; targets?: string[]; nonce?: string; timestamp?: string }): string;
}

/**
 * Signs an envelope the way a client SDK does (the digest of the JCS of everything but the
 * signature, wire-format.md §1) and returns its JSON text.
 */
export function signEnvelope(envelope: JsonObject, scheme: SignatureScheme, privateKey: Uint8Array): string {
  const signature = scheme.encodeSignature(scheme.sign(sha256(canonicalJson(envelope)), privateKey));
  return JSON.stringify({ ...envelope, signature });
}

/** A creator with a new key, signing intents the way a client SDK does. */
export function newCreator(scheme: SignatureScheme = secp256k1Scheme, privateKey: Uint8Array = scheme.generatePrivateKey()): TestCreator {
  const publicKeyBytes = scheme.publicKeyFromPrivate(privateKey);
  const publicKey = scheme.encodePublicKey(publicKeyBytes);
  return {
    scheme,
    privateKey,
    publicKey,
    address: (network = 'test') => scheme.address(publicKeyBytes, network),
    intent: (options = {}) =>
      signEnvelope(
        {
          protocol: 'chain-publisher',
          version: 1,
          record: options.record ?? { type: 'post', body: `hello ${randomBytes(4).toString('hex')}` },
          targets: options.targets ?? ['bsv'],
          nonce: options.nonce ?? randomBytes(16).toString('base64url'),
          timestamp: options.timestamp ?? new Date().toISOString(),
          signer: { scheme: scheme.name, publicKey },
        },
        scheme,
        privateKey,
      ),
  };
}
