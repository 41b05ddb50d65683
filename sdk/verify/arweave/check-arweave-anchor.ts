import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url, encodeBase64Url } from '../../encoding/base64url.ts';
import { equalBytes } from '../../encoding/bytes.ts';
import { fromUtf8 } from '../../encoding/utf8.ts';
import { canonicalJson } from '../../json/canonical-json.ts';
import { failure, guarded, messageOf, pass, type CheckResult } from '../check-result.ts';
import type { ProofCheck } from '../proof-report.ts';
import type { IntentFacts } from '../read-intent.ts';
import { checkLayer1Tx, decodedTags } from './check-layer1-tx.ts';
import { checkTags } from './check-tags.ts';
import { dataRoot } from './data-root.ts';
import { parseDataItem, signatureTypes, type DataItem } from './parse-data-item.ts';
import { verifyItemSignature } from './verify-item-signature.ts';
import type { ArweaveCheckName } from './arweave-checks.ts';

type Named = (name: ArweaveCheckName, result: CheckResult) => ProofCheck;

/**
 * wire-format.md §5 for one Arweave anchor. Bundle mode: the item parses; its id is
 * base64url(SHA-256(signature)); the operator's signature verifies over its deep hash; its data is
 * this intent; its tags are those of §4; and, when the anchor carries the bundle's signed layer-1
 * header (`tx`), that header is the bundle `bundleId`, signed by the item's owner. Layer-1 mode:
 * the anchor's `tx` and `data` (the transaction's header and data) are checked the same way, the
 * data against the header's data root. A layer-1 anchor without them carries nothing to check
 * offline, so it fails `arweave.item` rather than passing unverified.
 */
export async function checkArweaveAnchor(
  anchor: Readonly<Record<string, unknown>>,
  index: number,
  facts: IntentFacts | undefined,
  receiptCreator: unknown,
): Promise<ProofCheck[]> {
  const named: Named = (name, result) => ({ name, anchor: index, ...result });
  const text = anchor['item'];
  if (typeof text !== 'string') {
    if (anchor['tx'] !== undefined || anchor['data'] !== undefined) return checkLayer1Anchor(anchor, facts, receiptCreator, named);
    return [named('arweave.item', failure('no item, and no layer-1 transaction with its data: nothing to check offline'))];
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
  const checks = [
    named('arweave.item', pass(`an ANS-104 data item (${type}) with ${item.tags.length} tags and ${item.data.length} bytes of data`)),
    named('arweave.id', anchor['id'] === id ? pass(`the item id is ${id}`) : failure(`the item id is ${id}, not ${JSON.stringify(anchor['id'])}`)),
    named('arweave.signature', signed ? pass(`the operator's ${type} signature verifies over the deep hash`) : failure(`the operator's ${type} signature does not verify over the deep hash`)),
    named('arweave.data', guarded(() => checkData(item.data, facts))),
    named('arweave.tags', checkTags(item.tags, item.owner, facts, receiptCreator)),
  ];
  // Anchors made before they carried the bundle's header have none; the bundle is then only looked up online.
  if (anchor['tx'] !== undefined) checks.push(named('arweave.tx', (await checkLayer1Tx(anchor['tx'], anchor['bundleId'], item.owner)).result));
  return checks;
}

async function checkLayer1Anchor(anchor: Readonly<Record<string, unknown>>, facts: IntentFacts | undefined, receiptCreator: unknown, named: Named): Promise<ProofCheck[]> {
  const { result, tx } = await checkLayer1Tx(anchor['tx'], anchor['id']);
  const data = typeof anchor['data'] === 'string' ? decodeBase64Url(anchor['data']) : undefined;
  const checks = [named('arweave.tx', result)];
  if (data === undefined) return [...checks, named('arweave.data', failure('data is not base64url: the transaction\'s data, the signed intent, is needed'))];
  checks.push(named('arweave.data', guarded(() => checkData(data, facts))));
  if (tx === undefined) return [...checks, named('arweave.data-root', failure('no verified transaction to compare the data with (see arweave.tx)'))];
  const root = dataRoot(data);
  const sized = tx.dataSize === String(data.length);
  checks.push(
    named(
      'arweave.data-root',
      sized && equalBytes(root, tx.dataRoot)
        ? pass(`the data (${data.length} bytes) has the transaction's data root ${encodeBase64Url(root)}`)
        : failure(`the data (${data.length} bytes) has the data root ${encodeBase64Url(root)}; the transaction commits to ${encodeBase64Url(tx.dataRoot)} (${tx.dataSize} bytes)`),
    ),
  );
  // §4: in layer-1 mode an RSA creator's key is in the data only (the tags' 2048-byte limit).
  checks.push(named('arweave.tags', checkTags(decodedTags(tx), tx.owner, facts, receiptCreator, ['CreatorPubKey'])));
  return checks;
}

function checkData(data: Uint8Array, facts: IntentFacts | undefined): CheckResult {
  if (facts === undefined) return failure('the intent could not be decoded, so there is nothing to compare the data with');
  // Compared canonically: the node may store the envelope in the creator's spelling or in JCS.
  const canonical = canonicalJson(JSON.parse(fromUtf8(data)));
  return canonical === facts.canonical ? pass(`the data is the signed intent of record ${facts.recordId}`) : failure('the data is not the signed intent of this proof');
}
