import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url, encodeBase64Url } from '../../encoding/base64url.ts';
import { fromUtf8 } from '../../encoding/utf8.ts';
import { canonicalJson } from '../../json/canonical-json.ts';
import { creatorAddresses } from '../check-receipt.ts';
import { failure, guarded, messageOf, pass, type CheckResult } from '../check-result.ts';
import type { ProofCheck } from '../proof-report.ts';
import type { IntentFacts } from '../read-intent.ts';
import { parseDataItem, signatureTypes, type DataItem } from './parse-data-item.ts';
import { verifyItemSignature } from './verify-item-signature.ts';

/**
 * wire-format.md §5 for one Arweave anchor in bundle mode: the item parses; its id is
 * base64url(SHA-256(signature)); the operator's signature verifies over its deep hash; its data is
 * this intent; its tags are those of §4. A layer-1 anchor carries nothing to check offline, so it
 * fails `arweave.item` rather than passing unverified.
 */
export async function checkArweaveAnchor(
  anchor: Readonly<Record<string, unknown>>,
  index: number,
  facts: IntentFacts | undefined,
  receiptCreator: unknown,
): Promise<ProofCheck[]> {
  const named = (name: ProofCheck['name'], result: CheckResult): ProofCheck => ({ name, anchor: index, ...result });
  const text = anchor['item'];
  if (typeof text !== 'string') {
    return [named('arweave.item', failure('no item: only bundle-mode anchors (with the signed data item) can be checked offline'))];
  }
  const bytes = decodeBase64Url(text);
  if (bytes === undefined) return [named('arweave.item', failure('item is not base64url without padding'))];
  let item: DataItem;
  try {
    item = parseDataItem(bytes);
  } catch (error) {
    return [named('arweave.item', failure(messageOf(error)))];
  }
  const id = encodeBase64Url(sha256(item.signature));
  const signed = await verifyItemSignature(item);
  const type = `type ${item.signatureType}, ${signatureTypes[item.signatureType].name}`;
  return [
    named('arweave.item', pass(`an ANS-104 data item (${type}) with ${item.tags.length} tags and ${item.data.length} bytes of data`)),
    named('arweave.id', anchor['id'] === id ? pass(`the item id is ${id}`) : failure(`the item id is ${id}, not ${JSON.stringify(anchor['id'])}`)),
    named('arweave.signature', signed ? pass(`the operator's ${type} signature verifies over the deep hash`) : failure(`the operator's ${type} signature does not verify over the deep hash`)),
    named('arweave.data', guarded(() => checkData(item, facts))),
    named('arweave.tags', checkTags(item, facts, receiptCreator)),
  ];
}

function checkData(item: DataItem, facts: IntentFacts | undefined): CheckResult {
  if (facts === undefined) return failure('the intent could not be decoded, so there is nothing to compare the data with');
  // Compared canonically: the node may store the envelope in the creator's spelling or in JCS.
  const data = canonicalJson(JSON.parse(fromUtf8(item.data)));
  return data === facts.canonical ? pass(`the data is the signed intent of record ${facts.recordId}`) : failure('the data is not the signed intent of this proof');
}

function checkTags(item: DataItem, facts: IntentFacts | undefined, receiptCreator: unknown): CheckResult {
  if (facts === undefined) return failure('the intent could not be decoded, so the tags it needs are unknown');
  const operator = encodeBase64Url(sha256(item.owner));
  const creators = creatorAddresses(facts);
  const expected: Record<string, (value: string) => boolean> = {
    'App-Name': (v) => v === 'chain-publisher',
    'App-Version': (v) => v.length > 0,
    'Content-Type': (v) => v === 'application/json',
    'Record-Id': (v) => v === facts.recordId,
    Creator: (v) => creators.includes(v) && v === receiptCreator,
    CreatorPubKey: (v) => v === facts.publicKeyText,
    CreatorSig: (v) => v === facts.signatureText,
    SigningMethod: (v) => v === facts.scheme.name,
    // ANS-104 gateways give an item's owner the address base64url(SHA-256(owner)), whatever its type.
    NodeOperator: (v) => v === operator,
  };
  const problems: string[] = [];
  for (const [name, accepts] of Object.entries(expected)) {
    const values = item.tags.filter((tag) => tag.name === name).map((tag) => tag.value);
    if (values.length !== 1) problems.push(`${name} appears ${values.length} times`);
    else if (!accepts(values[0] ?? '')) problems.push(`${name} has the wrong value ${JSON.stringify(values[0])}`);
  }
  return problems.length === 0 ? pass(`the §4 tags name record ${facts.recordId} and operator ${operator}`) : failure(problems.join('; '));
}
