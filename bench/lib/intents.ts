import { randomBytes } from 'node:crypto';
import { canonicalJson, sha256, type JsonObject } from '../../core/canonical/index.ts';
import { secp256k1Scheme } from '../../core/schemes/index.ts';

/**
 * Signed intents the way a client signs them (wire-format.md §1: the digest of the JCS of the
 * envelope without its signature), with the node's own native secp256k1 binding, so that signing
 * in the load process is cheap. Signing is the client's cost, not the node's: the throughput
 * benches sign before the clock starts.
 */
export interface Creator {
  privateKey: Uint8Array;
  publicKey: string;
}

export function newCreators(count: number): Creator[] {
  return Array.from({ length: count }, () => {
    const privateKey = secp256k1Scheme.generatePrivateKey();
    return { privateKey, publicKey: secp256k1Scheme.encodePublicKey(secp256k1Scheme.publicKeyFromPrivate(privateKey)) };
  });
}

/** One signed envelope: a small post (~450 bytes of JSON), fresh nonce, the current time. */
export function signIntent(creator: Creator, targets: readonly string[], serial: number): string {
  const envelope: JsonObject = {
    protocol: 'chain-publisher',
    version: 1,
    record: { type: 'post', body: `bench record ${serial}`, tag: randomBytes(12).toString('base64url') },
    targets: [...targets],
    nonce: randomBytes(16).toString('base64url'),
    timestamp: new Date().toISOString(),
    signer: { scheme: secp256k1Scheme.name, publicKey: creator.publicKey },
  };
  const signature = secp256k1Scheme.encodeSignature(secp256k1Scheme.sign(sha256(canonicalJson(envelope)), creator.privateKey));
  return JSON.stringify({ ...envelope, signature });
}

/** `count` intents, round-robin over the creators (many keys, as many clients would be). */
export function signMany(creators: readonly Creator[], targets: readonly string[], count: number, firstSerial = 0): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = signIntent(creators[(firstSerial + i) % creators.length]!, targets, firstSerial + i);
  return out;
}
