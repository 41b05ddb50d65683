import type Arweave from 'arweave';
import type { BroadcastOutcome } from '../../core/adapter/index.ts';
import type { AdapterContext } from './adapter-context.ts';
import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { describeAnswer, type GatewayAnswer } from './gateway-client.ts';
import { decodeRaw, type StoredTransaction } from './raw-transaction.ts';
import { chunkRows, lookupRows, postTxRows, refusalRows, txRows, verdict } from './verdict-table.ts';

type Rejected = Extract<BroadcastOutcome, { kind: 'rejected' }>;
type Transaction = ReturnType<Arweave['transactions']['fromRaw']>;

/**
 * Posts exactly the transaction written ahead. Up to 256 KiB of data (one chunk) travels inside
 * the `POST /tx` body, as arweave-js does it; larger data follows as chunks (`POST /chunk`, proofs
 * from arweave-js), sent again even when the gateway already knows the header, since a crash may
 * have cut an earlier upload short and re-sending a chunk is harmless. Chunks are posted here
 * rather than by arweave-js's uploader, which has no deadline, waits 40 s after any error and
 * hides the answers this adapter classifies. A chunk that an ar.io gateway's peers refuse (400,
 * no reason given) is `unavailable`: the core sends the whole transaction again after its back-off,
 * the header answered 208. Throws only for raw bytes it did not write.
 */
export async function broadcastTransaction(ctx: AdapterContext, tx: { txid: string; raw: Uint8Array }): Promise<BroadcastOutcome> {
  const { gateway, options } = ctx;
  const stored = decodeRaw(tx.raw);
  if (stored.header.id !== tx.txid) throw new ArweaveAdapterError('raw', `the raw bytes hold transaction ${stored.header.id}, not ${tx.txid}`);
  const prepared = await chunked(ctx, stored);
  const inline = (prepared.chunks?.chunks.length ?? 0) <= 1;
  const body = inline ? JSON.stringify({ ...stored.header, data: Buffer.from(stored.data).toString('base64url') }) : stored.headerText;

  let outcome = await judgePost(ctx, tx.txid, await gateway.post('/tx', body));
  if (outcome.kind !== 'rejected' && !inline) outcome = (await uploadChunks(ctx, prepared, stored.data)) ?? outcome;
  const level = outcome.kind === 'rejected' ? 'warn' : 'debug';
  options.log[level]({ txid: tx.txid, outcome, bytes: stored.data.length, inline }, 'arweave broadcast');
  return outcome;
}

/**
 * The post's answer through the tables. Where it is unclear, the gateway is asked whether it holds
 * the transaction: its status, then (status 404) `GET /tx/{id}`, where a node keeps, as 410, why
 * it refused it; only then does the post's own answer decide.
 */
async function judgePost(ctx: AdapterContext, txid: string, post: GatewayAnswer): Promise<BroadcastOutcome> {
  const first = verdict(postTxRows, post);
  if (first.verdict === 'accepted' || first.verdict === 'already_known') return { kind: first.verdict };
  if (first.verdict !== 'lookup') return rejected(first.verdict, first.rule, describeAnswer(post));
  const lookup = await ctx.gateway.get(`/tx/${txid}/status`);
  const held = verdict(lookupRows, lookup);
  if (held.verdict === 'already_known') return { kind: 'already_known' };
  if (held.verdict !== 'not_found') return rejected(held.verdict, `post refused (${describeAnswer(post)}), then status: ${held.rule}`, describeAnswer(lookup));
  const header = await ctx.gateway.get(`/tx/${txid}`);
  const kept = verdict(txRows, header);
  if (kept.verdict === 'held') return { kind: 'already_known' };
  if (kept.verdict !== 'not_held') return rejected(kept.verdict, `post refused (${describeAnswer(post)}), status 404, then GET /tx/{id}: ${kept.rule}`, describeAnswer(header));
  const refusal = verdict(refusalRows, post);
  return rejected(refusal.verdict, refusal.rule, describeAnswer(post));
}

/** The header as an arweave-js transaction with its chunks and proofs, its data root checked. */
async function chunked(ctx: AdapterContext, stored: StoredTransaction): Promise<Transaction> {
  const prepared = ctx.arweave.transactions.fromRaw({ ...stored.header });
  await prepared.prepareChunks(stored.data);
  if (prepared.data_root !== stored.header.data_root) {
    throw new ArweaveAdapterError('raw', `the stored data of ${stored.header.id} does not hash to its signed data root`);
  }
  return prepared;
}

async function uploadChunks(ctx: AdapterContext, prepared: Transaction, data: Uint8Array): Promise<Rejected | undefined> {
  const count = prepared.chunks?.chunks.length ?? 0;
  for (let index = 0; index < count; index++) {
    const answer = await ctx.gateway.post('/chunk', JSON.stringify(prepared.getChunk(index, data)));
    const judged = verdict(chunkRows, answer);
    if (judged.verdict !== 'stored') return rejected(judged.verdict, `chunk ${index + 1} of ${count}: ${judged.rule}`, describeAnswer(answer));
  }
  return undefined;
}

function rejected(reason: Rejected['reason'], rule: string, answer: string): Rejected {
  return { kind: 'rejected', reason, detail: `arweave: ${rule}: ${answer}` };
}
