import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { bufferSource, subtle } from '../../crypto/web-crypto.ts';
import { utf8 } from '../../encoding/utf8.ts';
import { rsaPublicKey } from '../../schemes/arweave-rsa-pss.ts';
import { deepHash } from './deep-hash.ts';
import type { DataItem } from './parse-data-item.ts';

/** What every ANS-104 signature covers: the deep hash of the item's fields, as arbundles signs. */
export function itemSignatureData(item: DataItem): Uint8Array {
  return deepHash([
    utf8('dataitem'),
    utf8('1'),
    utf8(String(item.signatureType)),
    item.owner,
    item.target,
    item.anchor,
    item.rawTags,
    item.data,
  ]);
}

/** True when the item's signature verifies under its owner key for its signature type. Never throws. */
export async function verifyItemSignature(item: DataItem): Promise<boolean> {
  const message = itemSignatureData(item);
  try {
    switch (item.signatureType) {
      case 1:
        return await verifyArweave(item.owner, message, item.signature);
      case 2:
        return ed25519.verify(item.signature, message, item.owner);
      case 3:
        return verifyEthereum(item.owner, message, item.signature);
    }
  } catch {
    return false;
  }
}

/**
 * RSA-PSS with SHA-256 over the deep hash (of an item, or of a layer-1 transaction). WebCrypto needs the salt length, which signers choose:
 * arbundles' Node signer uses the maximum (512 - 32 - 2 = 478), arweave-js in browsers 32; the
 * lengths arweave-js itself accepts (0, 32, maximum) are tried, as it does.
 */
export async function verifyArweave(owner: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const key = await rsaPublicKey(owner);
  for (const saltLength of [owner.length - 32 - 2, 32, 0]) {
    if (await subtle().verify({ name: 'RSA-PSS', saltLength }, key, bufferSource(signature), bufferSource(message))) return true;
  }
  return false;
}

/**
 * arbundles' EthereumSigner signs with ethers' signMessage: ECDSA over
 * keccak256("\x19Ethereum Signed Message:\n" ‖ decimal length ‖ message), 65 bytes r‖s‖v with the
 * owner the 65-byte uncompressed public key. v only serves key recovery; the owner is given.
 */
function verifyEthereum(owner: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const hash = keccak_256(concatBytes(utf8(`\x19Ethereum Signed Message:\n${message.length}`), message));
  return secp256k1.verify(signature.subarray(0, 64), hash, owner, { prehash: false, lowS: true, format: 'compact' });
}
