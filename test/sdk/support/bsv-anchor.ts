import { createHash, randomBytes } from 'node:crypto';
import { LockingScript, MerklePath, OP, P2PKH, PrivateKey, Transaction } from '@bsv/sdk';
import type { BsvAnchor, SignedIntent } from '../../../sdk/index.ts';

type MerklePathLeaf = MerklePath['path'][number][number];

const sha256d = (bytes: Uint8Array) => createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();
const display = (internal: Uint8Array) => Buffer.from(internal).reverse().toString('hex');
const internal = (hex: string) => Buffer.from(hex, 'hex').reverse();

/** The six pushes of wire-format.md §3 for a signed intent, decoded from its envelope. */
export function section3Pushes(intent: SignedIntent, recordId: string): number[][] {
  const key = intent.signer.scheme === 'secp256k1' ? Buffer.from(intent.signer.publicKey, 'hex') : Buffer.from(intent.signer.publicKey, 'base64url');
  return [Buffer.from('chainpub'), [0x01], Buffer.from(recordId, 'hex'), Buffer.from(intent.signer.scheme), key, Buffer.from(intent.signature, 'base64url')].map((b) => [...b]);
}

function opReturn(pushes: number[][]): LockingScript {
  const script = new LockingScript();
  script.writeOpCode(OP.OP_FALSE).writeOpCode(OP.OP_RETURN);
  for (const push of pushes) script.writeBin(push);
  return script;
}

/**
 * A batch transaction as §3 describes it, built and signed with @bsv/sdk: one P2PKH input of the
 * operator, a change output (vout 0), then one OP_RETURN output per record (vout 1, 2, …).
 */
export async function batchTransaction(records: number[][][]): Promise<Transaction> {
  const operator = PrivateKey.fromRandom();
  const funding = new Transaction(1, [], [{ lockingScript: new P2PKH().lock(operator.toAddress()), satoshis: 10_000 }]);
  const tx = new Transaction();
  tx.addInput({ sourceTransaction: funding, sourceOutputIndex: 0, unlockingScriptTemplate: new P2PKH().unlock(operator) });
  tx.addOutput({ lockingScript: new P2PKH().lock(operator.toAddress()), satoshis: 9_000 });
  for (const pushes of records) tx.addOutput({ lockingScript: opReturn(pushes), satoshis: 0 });
  await tx.sign();
  return tx;
}

export interface Block {
  readonly height: number;
  readonly txids: readonly string[];
  /** Display hex, as a block header shows it. */
  readonly merkleRoot: string;
  /** The 80-byte header, hex, with regtest's nBits and a nonce that meets them. */
  readonly header: string;
  /** Display hex of the header's double SHA-256. */
  readonly hash: string;
}

/** Regtest's nBits (Bitcoin's powLimit for regtest): about every second hash meets them. */
export const REGTEST_BITS = 0x207fffff;

/** nBits as Bitcoin expands them: mantissa × 256^(exponent − 3). */
export function targetOf(bits: number): bigint {
  return BigInt(bits & 0x007fffff) << BigInt(8 * ((bits >>> 24) - 3));
}

export interface HeaderFields {
  readonly merkleRoot: string;
  readonly bits?: number;
  readonly prevHash?: string;
  /** Whether the hash must meet the bits' target (default) or miss it. */
  readonly meetsTarget?: boolean;
}

/**
 * An 80-byte header serialised by hand (version 1, a random previous block unless given), its
 * nonce searched until the hash meets, or misses, the target of `bits`.
 */
export function mineHeader({ merkleRoot, bits = REGTEST_BITS, prevHash = randomBytes(32).toString('hex'), meetsTarget = true }: HeaderFields): { header: string; hash: string } {
  const header = Buffer.alloc(80);
  header.writeUInt32LE(0x20000000, 0);
  internal(prevHash).copy(header, 4);
  internal(merkleRoot).copy(header, 36);
  header.writeUInt32LE(1_790_000_000, 68);
  header.writeUInt32LE(bits, 72);
  for (let nonce = 0; ; nonce++) {
    header.writeUInt32LE(nonce, 76);
    const hash = display(sha256d(header));
    if ((BigInt(`0x${hash}`) <= targetOf(bits)) === meetsTarget) return { header: header.toString('hex'), hash };
  }
}

/** A block of `size` transactions with `txid` at `index`, the others random. */
export function blockWith(txid: string, index: number, size: number, height = 812_345): Block {
  const txids = Array.from({ length: size }, (_, i) => (i === index ? txid : randomBytes(32).toString('hex')));
  let level = txids.map(internal);
  while (level.length > 1) {
    level = Array.from({ length: Math.ceil(level.length / 2) }, (_, i) => sha256d(Buffer.concat([level[2 * i]!, level[2 * i + 1] ?? level[2 * i]!])));
  }
  const merkleRoot = display(level[0]!);
  return { height, txids, merkleRoot, ...mineHeader({ merkleRoot }) };
}

/** The BRC-74 path of one transaction of a block, built level by level and serialised by @bsv/sdk. */
export function merklePathOf(block: Block, index: number): MerklePath {
  if (block.txids.length === 1) return new MerklePath(block.height, [[{ offset: 0, hash: block.txids[0]!, txid: true }]]);
  const path: MerklePathLeaf[][] = [];
  let level = block.txids.map(internal);
  for (let i = index; level.length > 1; i >>= 1) {
    const sibling = i ^ 1;
    const leaves: MerklePathLeaf[] = path.length === 0 ? [{ offset: i, hash: block.txids[i]!, txid: true }] : [];
    leaves.push(sibling < level.length ? { offset: sibling, hash: display(level[sibling]!) } : { offset: sibling, duplicate: true });
    path.push(leaves.sort((a, b) => a.offset - b.offset));
    level = Array.from({ length: Math.ceil(level.length / 2) }, (_, j) => sha256d(Buffer.concat([level[2 * j]!, level[2 * j + 1] ?? level[2 * j]!])));
  }
  return new MerklePath(block.height, path);
}

/** A mined BSV anchor for the record at `vout` of `tx`, placed at `index` in a block of `size`. */
export function bsvAnchorOf(tx: Transaction, vout: number, index: number, size: number): { anchor: BsvAnchor; block: Block } {
  const txid = tx.id('hex');
  const block = blockWith(txid, index, size);
  const anchor: BsvAnchor = {
    chain: 'bsv',
    network: 'regtest',
    txid,
    vout,
    rawTx: tx.toHex(),
    blockHash: block.hash,
    blockHeight: block.height,
    blockHeader: block.header,
    merklePath: merklePathOf(block, index).toHex(),
    confirmations: 6,
  };
  return { anchor, block };
}
