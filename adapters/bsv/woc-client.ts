import { headerFromWoc } from './block-header.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { httpRequest, type HttpResult } from './http-request.ts';
import { readTscProof, tscToBump } from './tsc-proof.ts';
import type { Answer } from './verdict-table.ts';

type ReadFailure = { kind: 'failed'; reason: 'timeout' | 'unavailable'; detail: string };

export type ChainTip = { kind: 'tip'; height: number; hash: string } | ReadFailure;

/** A block's 80-byte header, checked to hash to the block's id. */
export type HeaderRead = { kind: 'header'; header: Buffer } | ReadFailure;

/** An output WhatsOnChain lists as unspent for an address (mempool ones included, at height 0). */
export interface ListedOutput {
  txid: string;
  vout: number;
  satoshis: bigint;
}

/** Where WhatsOnChain says a transaction is, with its Merkle path once mined. */
export type WocTxStatus =
  | { kind: 'unknown' | 'pending' }
  | { kind: 'mined'; blockHash: string; blockHeight: number; merklePath: string }
  | { kind: 'failed'; reason: 'timeout' | 'unavailable' | 'rate_limited' | 'unauthorized'; detail: string };

export interface WocClient {
  /** `GET chain/info`: the height and hash of the best block. */
  chainTip(): Promise<ChainTip>;
  /** `GET block/{hash}/header`, serialised to the 80 bytes that hash to `hash`. */
  blockHeader(hash: string): Promise<HeaderRead>;
  /** `GET tx/{txid}/hex`; undefined when WhatsOnChain does not know the transaction. */
  txRaw(txid: string): Promise<Buffer | undefined>;
  /**
   * `GET address/{address}/confirmed/unspent` page by page (`token` → `nextPageToken`), then
   * `address/{address}/unconfirmed/unspent`; outputs flagged isSpentInMempoolTx are left out.
   */
  unspent(address: string): Promise<ListedOutput[]>;
  /** `GET tx/hash/{txid}`, then once it names a block `GET tx/{txid}/proof/tsc`, as BRC-74 hex. */
  txStatus(txid: string): Promise<WocTxStatus>;
  /** `POST tx/raw` with the raw hex; WhatsOnChain passes the node's answer on. */
  broadcast(raw: Uint8Array, txid: string): Promise<Answer>;
}

/** WhatsOnChain's largest page of confirmed unspent outputs. */
const UNSPENT_PAGE = 1000;

/** The WhatsOnChain endpoints the adapter reads (and, as the alternative broadcaster, writes). */
export function wocClient(options: ResolvedOptions): WocClient {
  const auth: Record<string, string> = options.wocApiKey === undefined ? {} : { authorization: options.wocApiKey };
  const get = (path: string) => httpRequest(`${options.wocUrl}${path}`, { method: 'GET', headers: auth, timeoutMs: options.timeoutMs });

  return {
    async chainTip() {
      const result = await get('/chain/info');
      if (result.kind === 'failure') return { kind: 'failed', reason: result.failure === 'timeout' ? 'timeout' : 'unavailable', detail: `WhatsOnChain chain/info: ${result.detail}` };
      const info = result.json as { blocks?: unknown; bestblockhash?: unknown } | undefined;
      if (result.status !== 200 || !Number.isSafeInteger(info?.blocks) || typeof info?.bestblockhash !== 'string') {
        return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain chain/info: HTTP ${result.status} without blocks and bestblockhash` };
      }
      return { kind: 'tip', height: info.blocks as number, hash: info.bestblockhash };
    },

    async blockHeader(hash) {
      const path = `block/${hash}/header`;
      const result = await get(`/${path}`);
      if (result.kind === 'failure') return { kind: 'failed', reason: result.failure === 'timeout' ? 'timeout' : 'unavailable', detail: `WhatsOnChain ${path}: ${result.detail}` };
      if (result.status !== 200) return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain ${path}: HTTP ${result.status} ${result.text.slice(0, 200)}` };
      const header = headerFromWoc(result.json, hash);
      return typeof header === 'string' ? { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain ${path}: ${header}` } : { kind: 'header', header };
    },

    async txRaw(txid) {
      const result = await get(`/tx/${txid}/hex`);
      if (result.kind === 'answer' && result.status === 404) return undefined;
      const hex = result.kind === 'answer' && result.status === 200 ? result.text.trim() : '';
      if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw readFailure(`tx/${txid}/hex`, result);
      return Buffer.from(hex, 'hex');
    },

    async unspent(address) {
      const listed = new Map<string, ListedOutput>();
      const take = (path: string, body: unknown): string | undefined => {
        const page = body as { result?: unknown; error?: unknown; nextPageToken?: unknown } | undefined;
        if (typeof page !== 'object' || page === null || !Array.isArray(page.result)) throw new BsvAdapterError(`WhatsOnChain ${path} answered without a result list`, { details: { path } });
        if (typeof page.error === 'string' && page.error !== '') throw new BsvAdapterError(`WhatsOnChain ${path}: ${page.error}`, { details: { path } });
        for (const item of page.result as Array<{ tx_hash?: unknown; tx_pos?: unknown; value?: unknown; isSpentInMempoolTx?: unknown }>) {
          if (typeof item.tx_hash !== 'string' || !Number.isSafeInteger(item.tx_pos) || !Number.isSafeInteger(item.value)) {
            throw new BsvAdapterError(`WhatsOnChain ${path} lists an entry without tx_hash, tx_pos and value: ${JSON.stringify(item)}`);
          }
          const output = { txid: item.tx_hash.toLowerCase(), vout: item.tx_pos as number, satoshis: BigInt(item.value as number) };
          // A mempool transaction already spends it: not ours to spend again.
          if (item.isSpentInMempoolTx === true) listed.delete(`${output.txid}:${output.vout}`);
          else listed.set(`${output.txid}:${output.vout}`, output);
        }
        return typeof page.nextPageToken === 'string' && page.nextPageToken !== '' ? page.nextPageToken : undefined;
      };
      let token: string | undefined;
      const seen = new Set<string>();
      do {
        const path = `address/${address}/confirmed/unspent?limit=${UNSPENT_PAGE}${token === undefined ? '' : `&token=${encodeURIComponent(token)}`}`;
        const result = await get(`/${path}`);
        // An address without confirmed outputs is answered 404 (plain text), not an empty list.
        if (result.kind === 'answer' && result.status === 404 && token === undefined) break;
        if (result.kind === 'failure' || result.status !== 200) throw readFailure(path, result);
        token = take(path, result.json);
        if (token !== undefined && seen.has(token)) throw new BsvAdapterError(`WhatsOnChain ${path} repeats its page token`, { details: { path } });
        if (token !== undefined) seen.add(token);
      } while (token !== undefined);
      const path = `address/${address}/unconfirmed/unspent`;
      const result = await get(`/${path}`);
      if (!(result.kind === 'answer' && result.status === 404)) {
        if (result.kind === 'failure' || result.status !== 200) throw readFailure(path, result);
        take(path, result.json);
      }
      return [...listed.values()];
    },

    async txStatus(txid) {
      const info = await get(`/tx/hash/${txid}`);
      if (info.kind === 'answer' && info.status === 404) return { kind: 'unknown' };
      const failed = statusFailure(`tx/hash/${txid}`, info);
      if (failed) return failed;
      const body = (info as { json: unknown }).json as { blockhash?: unknown; blockheight?: unknown } | undefined;
      if (typeof body !== 'object' || body === null) return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain tx/hash/${txid}: not a transaction's JSON` };
      // Unconfirmed transactions come without blockhash and confirmations.
      if (typeof body.blockhash !== 'string' || body.blockhash === '') return { kind: 'pending' };
      if (!Number.isSafeInteger(body.blockheight) || (body.blockheight as number) < 1) {
        return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain tx/hash/${txid}: block ${body.blockhash} without a height` };
      }
      const blockHash = body.blockhash.toLowerCase();
      const path = `tx/${txid}/proof/tsc`;
      const proofAnswer = await get(`/${path}`);
      const proofFailed = statusFailure(path, proofAnswer);
      if (proofFailed) return proofFailed;
      const proof = readTscProof((proofAnswer as { json: unknown }).json);
      if (typeof proof === 'string') return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain ${path}: ${proof}` };
      if (proof.target !== blockHash) return { kind: 'failed', reason: 'unavailable', detail: `WhatsOnChain ${path}: a proof for block ${proof.target}, but the transaction is in ${blockHash}` };
      return { kind: 'mined', blockHash, blockHeight: body.blockheight as number, merklePath: tscToBump(txid, proof, body.blockheight as number) };
    },

    async broadcast(raw, txid) {
      const body = JSON.stringify({ txhex: Buffer.from(raw).toString('hex') });
      const result = await httpRequest(`${options.wocUrl}/tx/raw`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body, timeoutMs: options.timeoutMs });
      if (result.kind === 'failure') return { transport: result.failure, detail: `WhatsOnChain: ${result.detail}` };
      const text = result.text.trim();
      if (result.status >= 200 && result.status < 300) {
        return { http: result.status, echoesTxid: text.replace(/^"|"$/g, '') === txid, detail: `WhatsOnChain ${result.status}: ${text.slice(0, 200)}` };
      }
      return { http: result.status, nodeText: text, detail: `WhatsOnChain ${result.status}: ${text.slice(0, 500)}` };
    },
  };
}

/** A status read that did not answer 200: why, as a retryable reason. */
function statusFailure(path: string, result: HttpResult): Extract<WocTxStatus, { kind: 'failed' }> | undefined {
  if (result.kind === 'failure') return { kind: 'failed', reason: result.failure === 'timeout' ? 'timeout' : 'unavailable', detail: `WhatsOnChain ${path}: ${result.detail}` };
  if (result.status === 200) return undefined;
  const reason = result.status === 429 ? 'rate_limited' : result.status === 401 || result.status === 403 ? 'unauthorized' : 'unavailable';
  return { kind: 'failed', reason, detail: `WhatsOnChain ${path}: HTTP ${result.status} ${result.text.slice(0, 200)}` };
}

function readFailure(path: string, result: HttpResult): BsvAdapterError {
  const what = result.kind === 'failure' ? result.detail : `HTTP ${result.status} ${result.text.slice(0, 200)}`;
  return new BsvAdapterError(`WhatsOnChain ${path} failed: ${what}`, { details: { path } });
}
