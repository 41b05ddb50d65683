import { describeAnswer, httpGet, jsonBody } from '../http-get.ts';
import type { OnlineCheck, OnlineChecker } from '../online-checker.ts';
import { bhsSource, checkWithBhs } from './bhs-online.ts';
import { blockHeaderFromJson } from './header-from-json.ts';

/** WhatsOnChain's public APIs by the network an anchor names; other networks need an API named. */
const publicWocUrls: Readonly<Record<string, string>> = {
  mainnet: 'https://api.whatsonchain.com/v1/bsv/main',
  testnet: 'https://api.whatsonchain.com/v1/bsv/test',
};

/**
 * For a BSV anchor, what the proof cannot show by itself: that its block is in the best chain a
 * WhatsOnChain-compatible API follows, at the height the Merkle path names, with at least the
 * confirmations the proof claims, and that the API's header for it is the proof's (byte for byte,
 * rebuilt from the answer's fields). A proof without a header gets this one. With --bhs-url, a
 * Block Headers Service is asked instead whether the Merkle root is in the longest chain.
 */
export const bsvOnline: OnlineChecker = {
  api: 'a WhatsOnChain-compatible API',
  option: 'woc-url',
  sources: [bhsSource],
  async check(anchor, context) {
    if (context.source === bhsSource.option) return checkWithBhs(anchor, context);
    const { index, api, merkleRoot: root } = context;
    const result = (outcome: OnlineCheck['outcome'], detail: string) => ({ check: { name: 'bsv.block-header', anchor: index, outcome, detail } });
    if (root === undefined) return result('unchecked', 'the Merkle path names no block to look up (see bsv.merkle-path)');
    const network = String(anchor['network']);
    const base = api ?? publicWocUrls[network];
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
    const source = given === undefined ? `; the proof has no header, so ${base}'s was checked offline` : '';
    const found = result('ok', `${block} is in the best chain at height ${root.blockHeight} with ${confirmations} confirmations (${base})${source}`);
    return given === undefined && root.blockHash ? { ...found, blockHeaders: { [root.blockHash.toLowerCase()]: header } } : found;
  },
};
