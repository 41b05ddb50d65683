import { randomBytes } from 'node:crypto';
import { findNonce, headerHash, REGTEST_BITS, serializeHeader } from './block-header.ts';
import type { BlockEvent } from './chain-events.ts';
import { merkleLevels, merkleRootHex } from './merkle.ts';
import { NULL_HASH, txidOf, writeTransaction, type TxOutput } from './tx-codec.ts';

export interface BlockParent {
  hash: string;
  height: number;
  time: number;
}

/** Fees go to a key hash of zeros: the devnet has no miner wallet, and nobody can spend them. */
const BURN = Buffer.from(`76a914${'00'.repeat(20)}88ac`, 'hex');
const MINER_TAG = Buffer.from('/chain-publisher bsv devnet/');

/**
 * A block on `parent` (none for the genesis block) holding `txids` after its coinbase. The coinbase
 * pays `payouts` (the funding, or the fees), and carries the height and a random extra
 * nonce, so a block replacing another at the same height has a different coinbase and hash.
 */
export function buildBlock(parent: BlockParent | undefined, txids: string[], payouts: TxOutput[]): { event: BlockEvent; hash: string } {
  const height = parent ? parent.height + 1 : 0;
  const coinbase = writeTransaction({
    version: 1,
    inputs: [{ prevTxid: NULL_HASH, vout: 0xffffffff, script: coinbaseScript(height), sequence: 0xffffffff }],
    outputs: payouts,
    lockTime: 0,
  });
  const header = {
    version: 0x20000000,
    prevHash: parent?.hash ?? NULL_HASH,
    time: Math.max(Math.floor(Date.now() / 1000), (parent?.time ?? 0) + 1),
    bits: REGTEST_BITS,
  };
  const merkleRoot = merkleRootHex(merkleLevels([txidOf(coinbase), ...txids]));
  const nonce = findNonce({ ...header, merkleRoot });
  return {
    event: { e: 'block', ...header, nonce, coinbase: coinbase.toString('hex'), txids },
    hash: headerHash(serializeHeader({ ...header, merkleRoot, nonce })),
  };
}

export function feePayout(fees: bigint): TxOutput[] {
  return [{ satoshis: fees, script: BURN }];
}

function coinbaseScript(height: number): Buffer {
  const heightLE = Buffer.alloc(4);
  heightLE.writeUInt32LE(height);
  const extraNonce = randomBytes(8);
  return Buffer.concat([push(heightLE), push(extraNonce), push(MINER_TAG)]);
}

function push(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([data.length]), data]);
}
