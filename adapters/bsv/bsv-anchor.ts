import type { AnchorInput } from '../../core/adapter/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';

/**
 * One record's anchor in a proof bundle (wire-format.md §5), in the order the format lists its
 * fields: the whole transaction, the record's output index, the block's 80-byte header and the
 * BRC-74 path to it, which is everything the SDK's offline verifier needs. Transactions confirmed
 * before headers were stored have none; their anchors go without (the verifier says so).
 */
export function bsvAnchor(network: string, input: AnchorInput): Record<string, string | number> {
  if (!/^\d+$/.test(input.locator)) throw new BsvAdapterError(`locator ${JSON.stringify(input.locator)} is not an output index`);
  const merklePath = input.proof['merklePath'];
  if (typeof merklePath !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(merklePath)) {
    throw new BsvAdapterError(`transaction ${input.txid} has no Merkle path: its status was not read as mined`);
  }
  const blockHeader = input.proof['blockHeader'];
  if (blockHeader !== undefined && !/^[0-9a-f]{160}$/.test(blockHeader)) throw new BsvAdapterError(`transaction ${input.txid}: the stored block header is not 80 bytes of hex`);
  return {
    chain: 'bsv',
    network,
    txid: input.txid,
    vout: Number(input.locator),
    rawTx: Buffer.from(input.raw).toString('hex'),
    blockHash: input.blockHash,
    blockHeight: input.blockHeight,
    ...(blockHeader === undefined ? {} : { blockHeader }),
    merklePath,
    confirmations: input.confirmations,
  };
}
