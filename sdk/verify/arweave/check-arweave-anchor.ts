import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url, encodeBase64Url } from '../../encoding/base64url.ts';
import { equalBytes } from '../../encoding/bytes.ts';
import type { LogKeySource } from '../check-receipt.ts';
import { failure, guarded, messageOf, pass, type CheckResult } from '../check-result.ts';
import type { ProofCheck } from '../proof-report.ts';
import type { ArweaveSubject } from './arweave-subject.ts';
import { checkLayer1Tx, decodedTags } from './check-layer1-tx.ts';
import { dataRoot } from './data-root.ts';
import { readVerifierKey } from '../verifier-key.ts';
import { parseDataItem, signatureTypes, type DataItem, type SignatureType } from './parse-data-item.ts';
import { verifyItemSignature } from './verify-item-signature.ts';
import type { ArweaveCheckName } from './arweave-checks.ts';

type Named = (name: ArweaveCheckName, result: CheckResult) => ProofCheck;

/** The item signature types the node issues (wire-format.md §4): 1, its wallet; 2, its Ed25519 log key. */
const ISSUED: readonly SignatureType[] = [1, 2];

/**
 * wire-format.md §5 for one Arweave anchor, of a record or of a log checkpoint (`subject`: what
 * its data and tags must be). Bundle mode: the item parses; its id is
 * base64url(SHA-256(signature)); it is of a type the node issues; the operator's signature
 * verifies over its deep hash (an Ed25519 item's owner being the operator's log key); its data is
 * the subject; its tags are the subject's; and, when the anchor carries the bundle's signed layer-1
 * header (`tx`), that header is the bundle `bundleId`, signed by the wallet the tags name. Layer-1 mode:
 * the anchor's `tx` and `data` (the transaction's header and data) are checked the same way, the
 * data against the header's data root. A layer-1 anchor without them carries nothing to check
 * offline, so it fails `arweave.item` rather than passing unverified.
 */
export async function checkArweaveAnchor(
  anchor: Readonly<Record<string, unknown>>,
  index: number,
  subject: ArweaveSubject,
  logKey?: LogKeySource,
): Promise<ProofCheck[]> {
  const named: Named = (name, result) => ({ name, anchor: index, ...result });
  const text = anchor['item'];
  if (typeof text !== 'string') {
    if (anchor['tx'] !== undefined || anchor['data'] !== undefined) return checkLayer1Anchor(anchor, subject, named);
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
  if (!ISSUED.includes(item.signatureType)) {
    return [named('arweave.item', failure(`the item is of signature type ${item.signatureType} (${signatureTypes[item.signatureType].name}), which the node never issues: 1 (its wallet) or 2 (its Ed25519 log key)`))];
  }
  const id = encodeBase64Url(sha256(item.signature));
  const signed = await verifyItemSignature(item);
  const type = `type ${item.signatureType}, ${signatureTypes[item.signatureType].name}`;
  const byLogKey = item.signatureType === 2;
  // Type 1: the wallet signed the item and the bundle. Type 2: the log key signed the item, the
  // wallet the bundle, and the item's NodeOperator tag names the wallet that signed the bundle.
  const layer1 = anchor['tx'] === undefined ? undefined : await checkLayer1Tx(anchor['tx'], anchor['bundleId'], byLogKey ? {} : { owner: item.owner });
  const operator = byLogKey ? (layer1?.tx?.owner ?? (layer1 === undefined ? 'the anchor carries no bundle header, whose signer an Ed25519 item names as its operator' : 'the bundle header does not verify (see arweave.tx)')) : item.owner;
  const checks = [
    named('arweave.item', pass(`an ANS-104 data item (${type}) with ${item.tags.length} tags and ${item.data.length} bytes of data`)),
    named('arweave.id', anchor['id'] === id ? pass(`the item id is ${id}`) : failure(`the item id is ${id}, not ${JSON.stringify(anchor['id'])}`)),
    named('arweave.signature', signed ? pass(`the operator's ${type} signature verifies over the deep hash`) : failure(`the operator's ${type} signature does not verify over the deep hash`)),
    ...(byLogKey ? [named('arweave.item-key', checkItemKey(item.owner, subject.itemKey, logKey))] : []),
    named('arweave.data', guarded(() => subject.checkData(item.data))),
    named('arweave.tags', subject.checkTags(item.tags, operator, false)),
  ];
  // Anchors made before they carried the bundle's header have none; the bundle is then only looked up online.
  if (layer1 !== undefined) checks.push(named('arweave.tx', layer1.result));
  return checks;
}

/**
 * An Ed25519 item's owner is the operator's published log key: the one the caller trusts (the
 * SDK's `logKey`, `--log-key`), else the one the bundle names (its `log.verifierKey`, or the
 * anchor's `itemKey`), which the report says cannot vouch for itself.
 */
function checkItemKey(owner: Uint8Array, itemKey: unknown, logKey: LogKeySource | undefined): CheckResult {
  const trusted = logKey !== undefined && !logKey.fromBundle ? logKey.key : undefined;
  const named = trusted ?? (typeof itemKey === 'string' ? itemKey : logKey?.key);
  if (named === undefined) return failure("no operator key to compare the Ed25519 item's owner with: pass the operator's log verifier key (--log-key, or GetInfo.log_verifier_key)");
  return guarded(() => {
    const key = readVerifierKey(named);
    if (!equalBytes(key.publicKey, owner)) return failure(`the item is signed by the Ed25519 key ${encodeBase64Url(owner)}, not by the operator's log key ${named}`);
    const whose = trusted === undefined ? ' (the key was taken from the bundle itself, which cannot vouch for it: compare it with the operator\'s, or pass --log-key)' : '';
    return pass(`the item's owner is the operator's log key ${key.name}+${key.keyId}${whose}`);
  });
}

async function checkLayer1Anchor(anchor: Readonly<Record<string, unknown>>, subject: ArweaveSubject, named: Named): Promise<ProofCheck[]> {
  const { result, tx } = await checkLayer1Tx(anchor['tx'], anchor['id']);
  const data = typeof anchor['data'] === 'string' ? decodeBase64Url(anchor['data']) : undefined;
  const checks = [named('arweave.tx', result)];
  if (data === undefined) return [...checks, named('arweave.data', failure(`data is not base64url: the transaction's data, ${subject.dataName}, is needed`))];
  checks.push(named('arweave.data', guarded(() => subject.checkData(data))));
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
  checks.push(named('arweave.tags', subject.checkTags(decodedTags(tx), tx.owner, true)));
  return checks;
}
