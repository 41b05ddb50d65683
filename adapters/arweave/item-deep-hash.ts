import { createHash } from 'node:crypto';

/**
 * What an ANS-104 item's signature signs: Arweave's deep hash (SHA-384) of the list
 * ["dataitem", "1", signature type, owner, target, anchor, tags, data], here with no target and no
 * anchor (empty blobs), as the node's items are. A blob hashes to SHA-384(SHA-384("blob" ‖ decimal
 * length) ‖ SHA-384(bytes)); a list starts from SHA-384("list" ‖ decimal count) and folds each
 * element in as SHA-384(acc ‖ hash(element)).
 *
 * On node:crypto, synchronously, rather than arbundles' deepHash (a promise per hash, a copy per
 * concatenation); everything up to the tags depends only on the signer, so that prefix is folded
 * once per signer and each item costs eight SHA-384s. Byte-identical to arbundles' and the SDK's
 * (test/adapters/arweave/items-and-bundles.test.ts).
 */
export function itemDeepHash(prefix: Buffer, tags: Uint8Array, data: Uint8Array): Buffer {
  return sha384(sha384(prefix, blobHash(tags)), blobHash(data));
}

/** The fold over the six elements before the tags, for one signature type and owner. */
export function itemHashPrefix(signatureType: number, owner: Uint8Array): Buffer {
  const head = ['dataitem', '1', String(signatureType)].map((text) => Buffer.from(text, 'utf8'));
  const empty = new Uint8Array(0);
  let acc = sha384(Buffer.from('list8', 'utf8'));
  for (const element of [...head, owner, empty, empty]) acc = sha384(acc, blobHash(element));
  return acc;
}

function blobHash(bytes: Uint8Array): Buffer {
  return sha384(sha384(Buffer.from(`blob${bytes.length}`, 'utf8')), sha384(bytes));
}

function sha384(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha384');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
