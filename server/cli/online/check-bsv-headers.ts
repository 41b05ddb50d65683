import type { ComputedMerkleRoot } from '../../../sdk/index.ts';
import { describeAnswer, httpGet, jsonBody, type OnlineCheck } from './online-check.ts';

/** WhatsOnChain's public APIs by the network an anchor names; other networks need --woc-url. */
const publicWocUrls: Readonly<Record<string, string>> = {
  mainnet: 'https://api.whatsonchain.com/v1/bsv/main',
  testnet: 'https://api.whatsonchain.com/v1/bsv/test',
};

/**
 * For each BSV anchor, compares the Merkle root computed offline from its path with the merkle
 * root of the block header a WhatsOnChain-compatible API serves, by the block hash the proof
 * claims (or, without one, by the height the path names).
 */
export async function checkBsvHeaders(anchors: readonly Record<string, unknown>[], roots: readonly ComputedMerkleRoot[], wocUrl: string | undefined): Promise<OnlineCheck[]> {
  const checks = anchors.flatMap((anchor, index) => (anchor['chain'] === 'bsv' ? [checkOne(anchor, index, roots, wocUrl)] : []));
  return Promise.all(checks);
}

async function checkOne(anchor: Record<string, unknown>, index: number, roots: readonly ComputedMerkleRoot[], wocUrl: string | undefined): Promise<OnlineCheck> {
  const result = (outcome: OnlineCheck['outcome'], detail: string): OnlineCheck => ({ name: 'bsv.block-header', anchor: index, outcome, detail });
  const root = roots.find((candidate) => candidate.anchor === index);
  if (root === undefined) return result('unchecked', 'no Merkle root was computed offline to compare (see bsv.merkle-path)');
  const network = String(anchor['network']);
  const base = wocUrl ?? publicWocUrls[network];
  if (base === undefined) {
    return result('unchecked', `no public WhatsOnChain API for network "${network}": pass --woc-url (a local devnet's is wocUrl in <data dir>/devnet-bsv.json)`);
  }
  const url = root.blockHash ? `${base}/block/${root.blockHash}/header` : `${base}/block/height/${root.blockHeight}`;
  const answer = await httpGet(url);
  if (!('error' in answer) && answer.status === 404) return result('failed', `${base} knows no ${root.blockHash ? `block ${root.blockHash}` : `block at height ${root.blockHeight}`}`);
  const header = jsonBody(answer);
  const merkleRoot = header?.['merkleroot'];
  if (header === undefined || typeof merkleRoot !== 'string') return result('unchecked', `no block header from ${url}: ${describeAnswer(answer)}`);
  const block = `block ${String(header['height'])} ${String(header['hash'])}`;
  if (merkleRoot.toLowerCase() !== root.merkleRoot.toLowerCase()) return result('failed', `${block} has merkle root ${merkleRoot}, the path computes ${root.merkleRoot}`);
  if (header['height'] !== root.blockHeight) return result('failed', `${block} is not at height ${root.blockHeight}, where the Merkle path puts it`);
  if (typeof header['confirmations'] === 'number' && header['confirmations'] < 0) return result('failed', `${block} is no longer in the active chain`);
  return result('ok', `merkle root ${root.merkleRoot} is that of ${block} (${base})`);
}
