import { describeAnswer, httpGet, jsonBody } from '../http-get.ts';
import type { OnlineCheck, OnlineChecker } from '../online-checker.ts';

/** Public gateways by the network an anchor names; other networks need a gateway named. */
const publicGateways: Readonly<Record<string, string>> = { mainnet: 'https://arweave.net' };

/**
 * For an Arweave anchor, asks the gateway which block holds the layer-1 transaction (the bundle,
 * in bundle mode) and compares it with the block the anchor claims.
 */
export const arweaveOnline: OnlineChecker = {
  api: 'an Arweave gateway',
  option: 'gateway',
  async check(anchor, { index, api }) {
    const result = (outcome: OnlineCheck['outcome'], detail: string) => ({ check: { name: 'arweave.block', anchor: index, outcome, detail } });
    const network = String(anchor['network']);
    const base = api ?? publicGateways[network];
    if (base === undefined) return result('unchecked', `no public gateway for network "${network}": pass --gateway`);
    const txid = typeof anchor['bundleId'] === 'string' ? anchor['bundleId'] : anchor['id'];
    if (typeof txid !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(txid)) return result('failed', 'the anchor names no Arweave transaction id');
    if (typeof anchor['blockHash'] !== 'string') return result('failed', 'the anchor names no block');
    const url = `${base}/tx/${txid}/status`;
    const answer = await httpGet(url);
    if (!('error' in answer) && answer.status === 404) return result('failed', `${base} knows no transaction ${txid}`);
    // 202, or arlocal's 200 "Pending": known, not mined.
    if (!('error' in answer) && (answer.status === 202 || answer.text.trim() === 'Pending')) return result('failed', `${base} has transaction ${txid} not mined yet`);
    const status = jsonBody(answer);
    const hash = status?.['block_indep_hash'];
    const height = status?.['block_height'];
    if (typeof hash !== 'string' || typeof height !== 'number') return result('unchecked', `no block status from ${url}: ${describeAnswer(answer)}`);
    if (hash !== anchor['blockHash'] || height !== anchor['blockHeight']) {
      return result('failed', `${base} has transaction ${txid} in block ${height} ${hash}, the anchor claims ${String(anchor['blockHeight'])} ${anchor['blockHash']}`);
    }
    return result('ok', `transaction ${txid} is in block ${height} ${hash} (${base})`);
  },
};
