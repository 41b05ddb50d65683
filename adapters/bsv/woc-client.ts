import { headerFromWoc } from './block-header.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import { httpRequest, type HttpResult } from './http-request.ts';
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

export interface WocClient {
  /** `GET chain/info`: the height and hash of the best block. */
  chainTip(): Promise<ChainTip>;
  /** `GET block/{hash}/header`, serialised to the 80 bytes that hash to `hash`. */
  blockHeader(hash: string): Promise<HeaderRead>;
  /** `GET tx/{txid}/hex`; undefined when WhatsOnChain does not know the transaction. */
  txRaw(txid: string): Promise<Buffer | undefined>;
  /** `GET address/{address}/unspent`. */
  unspent(address: string): Promise<ListedOutput[]>;
  /** `POST tx/raw` with the raw hex; WhatsOnChain passes the node's answer on. */
  broadcast(raw: Uint8Array, txid: string): Promise<Answer>;
}

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
      const result = await get(`/address/${address}/unspent`);
      const list = result.kind === 'answer' && result.status === 200 ? result.json : undefined;
      if (!Array.isArray(list)) throw readFailure(`address/${address}/unspent`, result);
      return list.map((item: { tx_hash?: unknown; tx_pos?: unknown; value?: unknown }) => {
        if (typeof item.tx_hash !== 'string' || !Number.isSafeInteger(item.tx_pos) || !Number.isSafeInteger(item.value)) {
          throw new BsvAdapterError(`WhatsOnChain address/${address}/unspent lists an entry without tx_hash, tx_pos and value: ${JSON.stringify(item)}`);
        }
        return { txid: item.tx_hash.toLowerCase(), vout: item.tx_pos as number, satoshis: BigInt(item.value as number) };
      });
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

function readFailure(path: string, result: HttpResult): BsvAdapterError {
  const what = result.kind === 'failure' ? result.detail : `HTTP ${result.status} ${result.text.slice(0, 200)}`;
  return new BsvAdapterError(`WhatsOnChain ${path} failed: ${what}`, { details: { path } });
}
