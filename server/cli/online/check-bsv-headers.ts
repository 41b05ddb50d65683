import { blockHeaderFromJson, type ComputedMerkleRoot } from '../../../sdk/verify/index.ts';
import { describeAnswer, httpGet, jsonBody, type OnlineCheck } from './online-check.ts';

/** WhatsOnChain's public APIs by the network an anchor names; other networks need --woc-url. */
const publicWocUrls: Readonly<Record<string, string>> = {
  mainnet: 'https://api.whatsonchain.com/v1/bsv/main',
  testnet: 'https://api.whatsonchain.com/v1/bsv/test',
};

export interface BsvOnlineResult {
  readonly checks: OnlineCheck[];
  /** Headers fetched for anchors that carry none, by block hash, for the offline header checks. */
  readonly headers: Record<string, string>;
}

/**
 * For each BSV anchor, what the proof cannot show by itself: that its block is in the best chain
 * a WhatsOnChain-compatible API follows, at the height the Merkle path names, with at least the
 * confirmations the proof claims, and that the API's header for it is the proof's (byte for byte,
 * rebuilt from the answer's fields). A proof without a header gets this one.
 */
export async function checkBsvHeaders(anchors: readonly Record<string, unknown>[], roots: readonly ComputedMerkleRoot[], wocUrl: string | undefined): Promise<BsvOnlineResult> {
  const headers: Record<string, string> = {};
  const checks = await Promise.all(anchors.flatMap((anchor, index) => (anchor['chain'] === 'bsv' ? [checkOne(anchor, index, roots, wocUrl, headers)] : [])));
  return { checks, headers };
}

async function checkOne(
  anchor: Record<string, unknown>,
  index: number,
  roots: readonly ComputedMerkleRoot[],
  wocUrl: string | undefined,
  headers: Record<string, string>,
): Promise<OnlineCheck> {
  const result = (outcome: OnlineCheck['outcome'], detail: string): OnlineCheck => ({ name: 'bsv.block-header', anchor: index, outcome, detail });
  const root = roots.find((candidate) => candidate.anchor === index);
  if (root === undefined) return result('unchecked', 'the Merkle path names no block to look up (see bsv.merkle-path)');
  const network = String(anchor['network']);
  const base = wocUrl ?? publicWocUrls[network];
  if (base === undefined) {
    return result('unchecked', `no public WhatsOnChain API for network "${network}": pass --woc-url (a local devnet's is wocUrl in <data dir>/devnet-bsv.json)`);
  }
  const url = root.blockHash ? `${base}/block/${root.blockHash}/header` : `${base}/block/height/${root.blockHeight}`;
  const answer = await httpGet(url);
  if (!('error' in answer) && answer.status === 404) return result('failed', `${base} knows no ${root.blockHash ? `block ${root.blockHash}` : `block at height ${root.blockHeight}`}`);
  const json = jsonBody(answer);
  let header: string;
  try {
    header = blockHeaderFromJson(json);
  } catch (error) {
    return result('unchecked', `no usable block header from ${url}: ${json === undefined ? describeAnswer(answer) : (error as Error).message}`);
  }
  const fields = json as Record<string, unknown>;
  const block = `block ${String(fields['height'])} ${String(fields['hash'])}`;
  const given = typeof anchor['blockHeader'] === 'string' ? anchor['blockHeader'].toLowerCase() : undefined;
  if (given !== undefined && given !== header) return result('failed', `${base} has another header for ${block} than the proof`);
  if (fields['height'] !== root.blockHeight) return result('failed', `${block} is not at height ${root.blockHeight}, where the Merkle path puts it`);
  const confirmations = fields['confirmations'];
  if (typeof confirmations !== 'number' || confirmations < 1) return result('failed', `${block} is not in the best chain (${base} counts ${String(confirmations)} confirmations)`);
  const claimed = anchor['confirmations'];
  if (typeof claimed === 'number' && confirmations < claimed) return result('failed', `${block} has ${confirmations} confirmations, fewer than the ${claimed} the proof claims (a reorganisation?)`);
  if (given === undefined && root.blockHash) headers[root.blockHash.toLowerCase()] = header;
  const source = given === undefined ? `; the proof has no header, so ${base}'s was checked offline` : '';
  return result('ok', `${block} is in the best chain at height ${root.blockHeight} with ${confirmations} confirmations (${base})${source}`);
}
