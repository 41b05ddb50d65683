import { generateTransactionChunks } from 'arweave/node/lib/merkle.js';
import type { AdapterContext } from './adapter-context.ts';
import { describeAnswer } from './gateway-client.ts';
import { parseGatewayHeader, signedByOperator } from './gateway-header.ts';
import type { TransactionHeader } from './raw-transaction.ts';

export type ReadBack =
  | { kind: 'read'; header: TransactionHeader; data: Uint8Array }
  /** The gateway has no layer-1 transaction of that id (a 404: an item, or not on chain). */
  | { kind: 'absent' }
  | { kind: 'unread'; why: string };

/**
 * A mined layer-1 transaction read back from the gateway as build() made it: its header (`GET
 * /tx/{id}`, signed by the operator wallet over its fields, id = SHA-256 of the signature) in the
 * write-ahead form, and its data (`GET /{id}`), which must hash to the signed data root. A
 * transaction of someone else, or one whose data the gateway does not serve, is not read.
 */
export async function readOperatorTransaction(ctx: AdapterContext, txid: string): Promise<ReadBack> {
  const { gateway, wallet } = ctx;
  const headerAnswer = await gateway.get(`/tx/${txid}`);
  if (headerAnswer.kind === 'answer' && headerAnswer.status === 404) return { kind: 'absent' };
  if (headerAnswer.kind !== 'answer' || headerAnswer.status !== 200) return { kind: 'unread', why: `its header is not served: ${describeAnswer(headerAnswer)}` };
  const header = parseGatewayHeader(headerAnswer.text);
  if (header === undefined) return { kind: 'unread', why: 'its header is not a format-2 transaction' };
  if (!(await signedByOperator(ctx, header, txid))) return { kind: 'unread', why: 'the operator wallet did not sign the header the gateway serves' };

  const dataAnswer = await gateway.get(`/${txid}`, { binary: true });
  if (dataAnswer.kind !== 'answer' || dataAnswer.status !== 200) return { kind: 'unread', why: `its data is not served: ${describeAnswer(dataAnswer)}` };
  const data = dataAnswer.bytes;
  const root = Buffer.from((await generateTransactionChunks(data)).data_root).toString('base64url');
  if (String(data.length) !== header.data_size || root !== header.data_root) return { kind: 'unread', why: `the gateway serves ${data.length} bytes that do not hash to the signed data root` };
  return { kind: 'read', header, data };
}
