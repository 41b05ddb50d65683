import type { AdapterHealth } from '../../core/adapter/index.ts';
import type { ResolvedOptions } from './bsv-adapter-options.ts';
import type { FeeRate } from './fee-rate.ts';
import { httpRequest, type HttpResult } from './http-request.ts';
import type { Answer } from './verdict-table.ts';

/** What ARC's `GET /v1/tx/{txid}` tells beyond the verdict: where it was mined. */
export interface ArcTxStatus {
  answer: Answer;
  blockHash?: string;
  blockHeight?: number;
  /** BRC-74 BUMP hex. */
  merklePath?: string;
}

export interface ArcClient {
  /** `POST /v1/tx` with the transaction's bytes (raw or Extended Format). */
  broadcast(bytes: Uint8Array): Promise<Answer>;
  txStatus(txid: string): Promise<ArcTxStatus>;
  /** ARC's miningFee from `GET /v1/policy`, or why there is none. */
  policyFee(): Promise<FeeRate | string>;
  health(): Promise<AdapterHealth>;
}

/** ARC's REST API (bitcoin-sv/arc, pkg/api/arc.yaml) with our own timeouts and headers. */
export function arcClient(options: ResolvedOptions): ArcClient {
  const auth: Record<string, string> = options.arcApiKey === undefined ? {} : { authorization: `Bearer ${options.arcApiKey}` };
  const get = (path: string) => httpRequest(`${options.arcUrl}${path}`, { method: 'GET', headers: auth, timeoutMs: options.timeoutMs });

  return {
    async broadcast(bytes) {
      const headers: Record<string, string> = { ...auth, 'content-type': 'application/octet-stream' };
      if (options.callbackUrl !== undefined) headers['x-callbackurl'] = options.callbackUrl;
      if (options.callbackToken !== undefined) headers['x-callbacktoken'] = options.callbackToken;
      return arcAnswer(await httpRequest(`${options.arcUrl}/v1/tx`, { method: 'POST', headers, body: bytes, timeoutMs: options.timeoutMs }));
    },

    async txStatus(txid) {
      const result = await get(`/v1/tx/${txid}`);
      const answer = arcAnswer(result);
      const body = result.kind === 'answer' ? record(result.json) : {};
      return {
        answer,
        ...(typeof body['blockHash'] === 'string' && body['blockHash'] !== '' ? { blockHash: body['blockHash'] } : {}),
        ...(typeof body['blockHeight'] === 'number' && body['blockHeight'] > 0 ? { blockHeight: body['blockHeight'] } : {}),
        ...(typeof body['merklePath'] === 'string' && body['merklePath'] !== '' ? { merklePath: body['merklePath'] } : {}),
      };
    },

    async policyFee() {
      const result = await get('/v1/policy');
      if (result.kind === 'failure') return `ARC policy: ${result.detail}`;
      const fee = record(record(record(result.json)['policy'])['miningFee']);
      const { satoshis, bytes } = fee;
      if (result.status !== 200 || typeof satoshis !== 'number' || !Number.isFinite(satoshis) || satoshis < 0 || typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 1) {
        return `ARC policy: HTTP ${result.status} without a usable miningFee`;
      }
      if (Number.isSafeInteger(satoshis) && Number.isSafeInteger(bytes)) return { satoshis: BigInt(satoshis), bytes: BigInt(bytes) };
      // ARC derives the policy from a float (BSV per kB × 1e8, scaled by ten until whole): 3 sat/kB
      // reads 29999999999999996 per 1e19 bytes, past JSON's exact integers. Per kB that is
      // 2.9999999999999996, rounded up to a thousandth of a satoshi: never under ARC's own
      // (truncated) rate, and at most a thousandth over the stated one.
      return { satoshis: BigInt(Math.ceil((satoshis / bytes) * 1_000_000 - 1e-6)), bytes: 1_000_000n };
    },

    async health() {
      const result = await get('/v1/health');
      if (result.kind === 'failure') return { ok: false, detail: `bsv: ARC at ${options.arcUrl} is unreachable: ${result.detail}` };
      // ARC versions before /v1/health: an answered policy request is the sign of life.
      if (result.status === 404) {
        const policy = await get('/v1/policy');
        const ok = policy.kind === 'answer' && policy.status === 200;
        return { ok, detail: ok ? `bsv: ARC at ${options.arcUrl} answers its policy` : `bsv: ARC at ${options.arcUrl} does not answer its policy` };
      }
      const body = record(result.json);
      const ok = result.status === 200 && body['healthy'] === true;
      return { ok, detail: ok ? `bsv: ARC at ${options.arcUrl} is healthy` : `bsv: ARC at ${options.arcUrl} is not healthy: HTTP ${result.status} ${brief(String(body['reason'] ?? result.text))}` };
    },
  };
}

/** ARC's JSON (a status on 2xx, an RFC 7807 problem otherwise) reduced to the table's terms. */
function arcAnswer(result: HttpResult): Answer {
  if (result.kind === 'failure') return { transport: result.failure, detail: `ARC: ${result.detail}` };
  const body = record(result.json);
  const extraInfo = typeof body['extraInfo'] === 'string' ? body['extraInfo'] : '';
  if (result.status >= 200 && result.status < 300 && typeof body['txStatus'] === 'string') {
    const txStatus = body['txStatus'];
    return { http: result.status, txStatus, nodeText: extraInfo, detail: brief(`ARC ${txStatus}${extraInfo ? `: ${extraInfo}` : ''}`) };
  }
  const title = typeof body['title'] === 'string' ? ` ${body['title']}` : '';
  return { http: result.status, detail: brief(`ARC ${result.status}${title}: ${extraInfo || (typeof body['detail'] === 'string' ? body['detail'] : result.text)}`) };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function brief(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
