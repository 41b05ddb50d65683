/** WhatsOnChain's JSON answers, built from the devnet's chain state (shapes cited at each). */
import { difficulty } from './block-header.ts';
import type { Block, ChainState, TxRecord } from './chain-state.ts';
import { readTransaction } from './tx-codec.ts';

/**
 * WoC's `GET /block/{hash}/header` answer, field for field as the real service gives it: the
 * example response quoted in bsv-blockchain/wallet-toolbox, src/services/providers/WhatsOnChain.ts
 * (getBlockHeaderByHash), and the same fields in WoC's documented `block/hash` answer
 * (docs.taal.com/core-products/whatsonchain/block, "Get by Hash"): `size`, and `nTx` 0 with the
 * count in `num_tx`. The publisher rebuilds the 80-byte header from these fields.
 */
export function headerJson(state: ChainState, block: Block): Record<string, unknown> {
  const { header } = block;
  const tip = state.tip()!;
  const next = block.active ? state.chain[block.height + 1] : undefined;
  return {
    hash: block.hash,
    confirmations: block.active ? tip.height - block.height + 1 : -1,
    size: block.size,
    height: block.height,
    version: header.version,
    versionHex: hex32(header.version),
    merkleroot: header.merkleRoot,
    time: header.time,
    mediantime: medianTime(state, block),
    nonce: header.nonce,
    bits: hex32(header.bits),
    difficulty: difficulty(header.bits),
    chainwork: chainwork(block),
    ...(block.height > 0 ? { previousblockhash: header.prevHash } : {}),
    ...(next ? { nextblockhash: next.hash } : {}),
    nTx: 0,
    num_tx: block.txids.length,
  };
}

/**
 * WoC's `GET /tx/hash/{txid}` (docs.taal.com/core-products/whatsonchain/transaction, "Get by
 * Transaction Hash"): the decoded transaction, and `blockhash`, `blockheight`, `confirmations`,
 * `time`, `blocktime` only once mined. Scripts as hex (the devnet writes no `asm`).
 */
export function txJson(state: ChainState, rec: TxRecord): Record<string, unknown> {
  const tx = readTransaction(rec.raw);
  const mined = rec.status === 'MINED' && rec.block ? rec.block.block : undefined;
  return {
    txid: rec.txid,
    hash: rec.txid,
    version: tx.version,
    size: rec.raw.length,
    locktime: tx.lockTime,
    vin: tx.inputs.map((input) => ({ txid: input.prevTxid, vout: input.vout, scriptSig: { hex: input.script.toString('hex') }, sequence: input.sequence })),
    vout: tx.outputs.map((output, n) => ({ value: Number(output.satoshis) / 1e8, n, scriptPubKey: { hex: output.script.toString('hex') } })),
    ...(mined
      ? { blockhash: mined.hash, confirmations: state.tip()!.height - mined.height + 1, time: mined.header.time, blocktime: mined.header.time, blockheight: mined.height }
      : {}),
  };
}

/** The TSC proof's nodes: the sibling at each level in display hex, a missing (duplicated) one given in full as WoC does. */
export function merkleNodes(levels: Buffer[][], index: number): string[] {
  const nodes: string[] = [];
  for (let height = 0; height < levels.length - 1; height++) {
    const own = index >> height;
    const sibling = levels[height]![own ^ 1] ?? levels[height]![own]!;
    nodes.push(Buffer.from(sibling).reverse().toString('hex'));
  }
  return nodes;
}

/** WoC's block JSON without its paging: the header's fields, `txcount`, and `tx` listing every transaction. */
export function blockJson(state: ChainState, block: Block): Record<string, unknown> {
  return { ...headerJson(state, block), txcount: block.txids.length, tx: block.txids };
}

/** The median time of the block and its up to ten ancestors (Bitcoin's GetMedianTimePast). */
export function medianTime(state: ChainState, block: Block): number {
  const times: number[] = [];
  for (let b: Block | undefined = block; b && times.length < 11; b = state.blocksByHash.get(b.header.prevHash)) times.push(b.header.time);
  times.sort((x, y) => x - y);
  return times[Math.floor(times.length / 2)]!;
}

export function chainwork(block: Block): string {
  return block.chainwork.toString(16).padStart(64, '0');
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

