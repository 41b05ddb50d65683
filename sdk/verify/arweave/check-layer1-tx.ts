import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url } from '../../encoding/base64url.ts';
import { equalBytes } from '../../encoding/bytes.ts';
import { fromUtf8 } from '../../encoding/utf8.ts';
import { failure, messageOf, pass, type CheckResult } from '../check-result.ts';
import type { Tag } from './avro-tags.ts';
import { layer1SignatureData, parseLayer1Tx, type Layer1Tx } from './parse-layer1-tx.ts';
import { verifyArweave } from './verify-item-signature.ts';

const BUNDLE_TAGS: readonly Tag[] = [
  { name: 'Bundle-Format', value: 'binary' },
  { name: 'Bundle-Version', value: '2.0.0' },
];

export interface Layer1Result {
  readonly result: CheckResult;
  /** The header, when it parsed and its id and signature hold. */
  readonly tx?: Layer1Tx;
}

/**
 * `arweave.tx`: the anchor's signed layer-1 header has the id it claims (`expectedId`: the bundle
 * id, or the record's own id in layer-1 mode), which is base64url(SHA-256(signature)), and its
 * signature verifies under its owner over the format-2 deep hash. For a bundle, it is signed by
 * the wallet and declares an ANS-104 binary bundle (`bundle` given); an item the wallet signed
 * (type 1) also has the bundle's owner as its own (`bundle.owner`). Whether a gateway has it mined
 * is for an online check.
 */
export async function checkLayer1Tx(value: unknown, expectedId: unknown, bundle?: { readonly owner?: Uint8Array }): Promise<Layer1Result> {
  let tx: Layer1Tx;
  try {
    tx = parseLayer1Tx(value);
  } catch (error) {
    return { result: failure(messageOf(error)) };
  }
  const id = encodeBase64Url(sha256(tx.signature));
  if (tx.id !== id) return { result: failure(`the transaction's signature hashes to the id ${id}, not to its id ${JSON.stringify(tx.id)}`) };
  if (id !== expectedId) return { result: failure(`the transaction is ${id}, not ${JSON.stringify(expectedId)} as the anchor claims`) };
  if (!(await verifyArweave(tx.owner, layer1SignatureData(tx), tx.signature).catch(() => false))) {
    return { result: failure(`the signature of transaction ${id} does not verify under its owner`) };
  }
  const owner = encodeBase64Url(sha256(tx.owner));
  if (bundle === undefined) return { result: pass(`transaction ${id} is signed by ${owner}`), tx };
  if (bundle.owner !== undefined && !equalBytes(tx.owner, bundle.owner)) return { result: failure(`bundle ${id} is signed by ${owner}, not by the item's owner`) };
  const tags = decodedTags(tx);
  const missing = BUNDLE_TAGS.filter((want) => !tags.some((tag) => tag.name === want.name && tag.value === want.value));
  if (missing.length > 0) return { result: failure(`bundle ${id} does not declare ${missing.map((tag) => `${tag.name}: ${tag.value}`).join(', ')}`) };
  const whose = bundle.owner === undefined ? `the wallet ${owner}` : `the item's owner ${owner}`;
  return { result: pass(`bundle ${id} (${tx.dataSize} bytes) is signed by ${whose} and declares an ANS-104 binary bundle`), tx };
}

/** The header's tags as text; a name or value that is not UTF-8 becomes an empty name, matching nothing. */
export function decodedTags(tx: Layer1Tx): Tag[] {
  return tx.tags.map((tag) => {
    try {
      return { name: fromUtf8(tag.name), value: fromUtf8(tag.value) };
    } catch {
      return { name: '', value: '' };
    }
  });
}
