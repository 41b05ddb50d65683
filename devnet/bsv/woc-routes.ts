import { createHash } from 'node:crypto';
import { pubKeyHashOfAddress } from './address.ts';
import type { ArcProblem } from './arc-errors.ts';
import { difficulty } from './block-header.ts';
import type { ChainState } from './chain-state.ts';
import type { DevnetNode } from './devnet-node.ts';
import type { Faults } from './faults.ts';
import { jsonObject, readBody, sendJson, sendText, type Route } from './http-util.ts';
import { readTransaction, TxFormatError, type ParsedTx } from './tx-codec.ts';
import { blockJson, chainwork, headerJson, medianTime, merkleNodes, txJson } from './woc-json.ts';
import { sleep } from './sleep.ts';

export interface WocRouteDeps {
  state: ChainState;
  node: DevnetNode;
  faults: Faults;
  stopped: AbortSignal;
}

/**
 * The WhatsOnChain endpoints the publisher reads headers, raw transactions and funding UTXOs from,
 * with WoC's field names, under `/v1/bsv/<network>/` (any network name: there is one chain).
 */
export function wocRoutes({ state, node, faults, stopped }: WocRouteDeps): Route[] {
  const base = '^/v1/bsv/[^/]+';
  const route = (method: Route['method'], path: string, handler: Route['handler']): Route => ({ method, path: new RegExp(`${base}${path}$`), handler });

  return [
    route('GET', '/chain/info', async (_req, res) => {
      const tip = state.tip()!;
      sendJson(res, 200, {
        chain: 'regtest',
        blocks: tip.height,
        headers: tip.height,
        bestblockhash: tip.hash,
        difficulty: difficulty(tip.header.bits),
        mediantime: medianTime(state, tip),
        verificationprogress: 1,
        pruned: false,
        chainwork: chainwork(tip),
      });
    }),
    route('GET', '/block/([0-9a-fA-F]{64})/header', async (_req, res, [hash]) => {
      const block = state.blocksByHash.get(hash!.toLowerCase());
      if (!block) return sendText(res, 404, 'Not Found');
      sendJson(res, 200, headerJson(state, block));
    }),
    // By height too, as @bsv/sdk's WhatsOnChain chain tracker asks (bsv-blockchain/ts-sdk,
    // src/transaction/chaintrackers/WhatsOnChain.ts, isValidRootForHeight: `/block/${height}/header`).
    route('GET', '/block/(\\d{1,10})/header', async (_req, res, [height]) => {
      const block = state.chain[Number(height)];
      if (!block) return sendText(res, 404, 'Not Found');
      sendJson(res, 200, headerJson(state, block));
    }),
    route('GET', '/block/height/(\\d+)', async (_req, res, [height]) => {
      const block = state.chain[Number(height)];
      if (!block) return sendText(res, 404, 'Not Found');
      sendJson(res, 200, blockJson(state, block));
    }),
    route('GET', '/block/hash/([0-9a-fA-F]{64})', async (_req, res, [hash]) => {
      const block = state.blocksByHash.get(hash!.toLowerCase());
      if (!block) return sendText(res, 404, 'Not Found');
      sendJson(res, 200, blockJson(state, block));
    }),
    route('GET', '/tx/([0-9a-fA-F]{64})/hex', async (_req, res, [txid]) => {
      const rec = state.txs.get(txid!.toLowerCase());
      if (!rec?.live) return sendText(res, 404, 'Not Found');
      sendText(res, 200, rec.raw.toString('hex'));
    }),
    route('GET', '/tx/hash/([0-9a-fA-F]{64})', async (_req, res, [txid]) => {
      const rec = state.txs.get(txid!.toLowerCase());
      if (!rec?.live) return sendText(res, 404, 'Not Found');
      sendJson(res, 200, txJson(state, rec));
    }),
    // WoC's TSC proof: 200 with no body while unmined, 404 for a transaction it does not know.
    route('GET', '/tx/([0-9a-fA-F]{64})/proof/tsc', async (_req, res, [txid]) => {
      const rec = state.txs.get(txid!.toLowerCase());
      if (!rec?.live) return sendText(res, 404, 'Not Found');
      if (rec.status !== 'MINED' || !rec.block) return sendText(res, 200, '');
      const { block, index } = rec.block;
      sendJson(res, 200, [{ index, txOrId: rec.txid, target: block.hash, nodes: merkleNodes(block.levels, index) }]);
    }),
    // WoC's unspent outputs (docs.taal.com/core-products/whatsonchain/un-spent-transaction-outputs):
    // confirmed ones paged (`limit`, `token` → `nextPageToken`), the mempool's in one answer, both
    // together in `unspent/all`; an output spent by a mempool transaction is listed, flagged
    // isSpentInMempoolTx. The bare-array `address/{a}/unspent` of old is not served.
    route('GET', '/address/([^/]+)/confirmed/unspent', async (req, res, [address]) => {
      const listing = unspentOf(state, address!);
      if (typeof listing === 'string') return sendText(res, 400, listing);
      const query = new URL(req.url ?? '', 'http://devnet').searchParams;
      const limit = Math.min(Number(query.get('limit') ?? CONFIRMED_PAGE), CONFIRMED_PAGE);
      if (!Number.isSafeInteger(limit) || limit < 1) return sendText(res, 400, 'limit must be a whole number from 1 to 1000');
      const from = query.get('token') === null ? 0 : Number(Buffer.from(query.get('token')!, 'base64url').toString());
      if (!Number.isSafeInteger(from) || from < 0) return sendText(res, 400, 'invalid token');
      const page = listing.confirmed.slice(from, from + limit);
      const more = from + limit < listing.confirmed.length;
      sendJson(res, 200, { address, script: listing.scriptHash, result: page, error: '', ...(more ? { nextPageToken: Buffer.from(String(from + limit)).toString('base64url') } : {}) });
    }),
    route('GET', '/address/([^/]+)/unconfirmed/unspent', async (_req, res, [address]) => {
      const listing = unspentOf(state, address!);
      if (typeof listing === 'string') return sendText(res, 400, listing);
      sendJson(res, 200, { address, script: listing.scriptHash, result: listing.unconfirmed, error: '' });
    }),
    route('GET', '/address/([^/]+)/unspent/all', async (_req, res, [address]) => {
      const listing = unspentOf(state, address!);
      if (typeof listing === 'string') return sendText(res, 400, listing);
      // Up to 1,000 confirmed here; a longer list is read page by page from confirmed/unspent.
      const confirmed = listing.confirmed.slice(0, CONFIRMED_PAGE);
      const more = listing.confirmed.length > CONFIRMED_PAGE;
      sendJson(res, 200, {
        address,
        script: listing.scriptHash,
        result: [...listing.unconfirmed.map((u) => ({ ...u, status: 'unconfirmed' })), ...confirmed.map((c) => ({ ...c, status: 'confirmed' }))],
        error: '',
        ...(more ? { nextPageToken: Buffer.from(String(CONFIRMED_PAGE)).toString('base64url') } : {}),
      });
    }),
    route('POST', '/tx/raw', async (req, res) => {
      if (faults.takeStatus5xx()) return sendText(res, 503, 'Service Unavailable (bsv-devnet fault)');
      const { txhex } = jsonObject(await readBody(req));
      if (typeof txhex !== 'string' || txhex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(txhex)) return sendText(res, 400, 'txhex must be a transaction in hex');
      let tx: ParsedTx;
      try {
        tx = readTransaction(Buffer.from(txhex, 'hex'));
      } catch (error) {
        if (error instanceof TxFormatError) return sendText(res, 400, 'TX decode failed');
        throw error;
      }
      const rejection = await broadcastAsNode(state, node, tx);
      const delay = faults.takeDelay();
      if (delay > 0) await sleep(delay, stopped);
      if (rejection) return sendText(res, 400, rejection);
      sendJson(res, 200, tx.txid);
    }),
  ];
}

/** WoC pages confirmed outputs by 1,000. */
const CONFIRMED_PAGE = 1000;

interface Unspent {
  scriptHash: string;
  confirmed: Array<{ height: number; tx_pos: number; tx_hash: string; value: number; isSpentInMempoolTx: boolean }>;
  unconfirmed: Array<{ tx_pos: number; tx_hash: string; value: number; isSpentInMempoolTx: boolean; hex: string }>;
}

/**
 * The address's live outputs not spent in a block, confirmed ones oldest first, as WoC lists them;
 * or why the address is not one. `script` is WoC's script hash: SHA-256 of the locking script, reversed.
 */
function unspentOf(state: ChainState, address: string): Unspent | string {
  let pkh: string;
  try {
    pkh = pubKeyHashOfAddress(address);
  } catch (error) {
    return (error as Error).message;
  }
  const script = Buffer.from(`76a914${pkh}88ac`, 'hex');
  const listing: Unspent = { scriptHash: createHash('sha256').update(script).digest().reverse().toString('hex'), confirmed: [], unconfirmed: [] };
  const outputs = state.outputs
    .byPubKeyHashWithSpender(pkh)
    .filter((o) => o.spentBy === undefined || state.txs.get(o.spentBy)?.status !== 'MINED')
    .sort((a, b) => a.txid.localeCompare(b.txid) || a.vout - b.vout);
  for (const o of outputs) {
    const rec = state.txs.get(o.txid)!;
    const base = { tx_pos: o.vout, tx_hash: o.txid, value: Number(o.satoshis), isSpentInMempoolTx: o.spentBy !== undefined };
    if (rec.status === 'MINED') listing.confirmed.push({ height: rec.block!.block.height, ...base });
    else listing.unconfirmed.push({ ...base, hex: o.script.toString('hex') });
  }
  listing.confirmed.sort((a, b) => a.height - b.height);
  return listing;
}

/**
 * WoC passes the node's answer on: the txid, or its reject message as plain text (a known
 * transaction is an error there, unlike ARC). Returns that message, or undefined when accepted.
 */
async function broadcastAsNode(state: ChainState, node: DevnetNode, tx: ParsedTx): Promise<string | undefined> {
  const known = state.txs.get(tx.txid);
  if (known?.live) return known.status === 'MINED' ? 'Transaction already in block chain' : '257: txn-already-known';
  const [answer] = await node.submit([tx], { timeoutMs: 0, via: 'woc' });
  if (!answer!.ok) return nodeReason(answer!.problem);
  const { txStatus, extraInfo } = answer!.view;
  if (txStatus === 'DOUBLE_SPEND_ATTEMPTED') return '258: txn-mempool-conflict';
  if (txStatus === 'REJECTED') return `16: ${extraInfo}`;
  return undefined;
}

/** The node's words for ARC's codes. */
function nodeReason(problem: ArcProblem): string {
  const why = problem.extraInfo.replace(/^arc error \d+: /, '').replaceAll('\n', ': ');
  if (problem.status === 460) return 'Missing inputs';
  if (problem.status === 461) return `16: mandatory-script-verify-flag-failed (${why})`;
  if (problem.status === 465) return '66: insufficient priority';
  return `16: ${why}`;
}
