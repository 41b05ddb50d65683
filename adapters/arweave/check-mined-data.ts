import { generateTransactionChunks } from 'arweave/node/lib/merkle.js';
import type { RejectReason, TxStatus } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { readBundle } from './bundle-binary.ts';
import { describeAnswer, type GatewayAnswer } from './gateway-client.ts';
import { parseGatewayHeader, signedByOperator } from './gateway-header.ts';

export type MinedData = { ok: true; proof: Record<string, string> } | { ok: false; status: TxStatus };

/**
 * Before a mined transaction counts, the gateway must serve its data, byte for byte what was
 * signed: the header it serves is ours (its id is SHA-256 of a signature that verifies under the
 * operator key over the header's fields, data root included), and the data served at `/{id}`
 * hashes to that data root. For a bundle, the data root is the one signed at build time over the
 * bundle whose index was checked against every item id there; the index is read again here (each
 * id the hash of its item's signature), so each item is in the mined bundle. A header mined
 * without its data (an upload cut short) is `unknown`: the core re-broadcasts the same bytes,
 * chunks included. A gateway that cannot answer, or serves other bytes, is retried later.
 */
export async function checkMinedData(ctx: AdapterContext, txid: string): Promise<MinedData> {
  const { gateway } = ctx;
  const headerAnswer = await gateway.get(`/tx/${txid}`);
  if (headerAnswer.kind !== 'answer' || headerAnswer.status !== 200) return retry(headerAnswer, 'the mined header is not served');
  const header = parseGatewayHeader(headerAnswer.text);
  if (header === undefined) return retry(headerAnswer, 'the mined header is not a format-2 transaction');
  const ours = await signedByOperator(ctx, header, txid);
  if (!ours) return retry(headerAnswer, 'the gateway serves a header that the operator did not sign');

  const dataAnswer = await gateway.get(`/${txid}`, { binary: true });
  // Real gateways answer 404 for data they do not hold, arlocal 204 (or an empty 200).
  const notServed = dataAnswer.kind === 'answer' && (dataAnswer.status === 404 || dataAnswer.status === 204 || (dataAnswer.status === 200 && dataAnswer.bytes.length === 0));
  if (notServed) return { ok: false, status: { kind: 'unknown' } };
  if (dataAnswer.kind !== 'answer' || dataAnswer.status !== 200) return retry(dataAnswer, 'the mined data is not served');
  const data = dataAnswer.bytes;
  const root = Buffer.from((await generateTransactionChunks(data)).data_root).toString('base64url');
  if (String(data.length) !== header['data_size'] || root !== header['data_root']) {
    return retry(dataAnswer, `the gateway serves ${data.length} bytes that do not hash to the signed data root`);
  }
  const proof: Record<string, string> = { dataRoot: root, dataSize: String(data.length) };
  if (header.tags.some((tag) => Buffer.from(tag.name, 'base64url').toString('utf8') === 'Bundle-Format')) {
    try {
      proof['items'] = String(readBundle(data).length);
    } catch (error) {
      return retry(dataAnswer, error instanceof Error ? error.message : String(error));
    }
  }
  return { ok: true, proof };
}

function retry(answer: GatewayAnswer, why: string): MinedData {
  const reason: RejectReason = answer.kind === 'failure' && answer.failure === 'timeout' ? 'timeout' : 'unavailable';
  return { ok: false, status: { kind: 'rejected', reason, detail: `arweave: ${why}: ${describeAnswer(answer)}` } };
}
