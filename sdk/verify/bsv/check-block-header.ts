import { equalBytes } from '../../encoding/bytes.ts';
import { fromHex } from '../../encoding/hex.ts';
import { failure, messageOf, pass, type CheckResult } from '../check-result.ts';
import { BLOCK_HEADER_BYTES, bitsHex, compactTarget, parseBlockHeader, type BlockHeader } from './block-header.ts';
import { hash256, reversedHex } from './hash256.ts';
import type { BsvCheckName } from './bsv-checks.ts';

/**
 * The easiest target each network's consensus allows (its powLimit): a header claiming an easier
 * one is not a block of that network, whatever work it carries.
 */
const powLimits: Readonly<Record<string, number>> = { mainnet: 0x1d00ffff, main: 0x1d00ffff, testnet: 0x1d00ffff, test: 0x1d00ffff, regtest: 0x207fffff };
const difficultyOne = compactTarget(0x1d00ffff) as bigint;

export interface HeaderInput {
  readonly anchor: Readonly<Record<string, unknown>>;
  /** A header the caller supplied for this block hash (fetched online), used when the anchor has none. */
  readonly supplied: string | undefined;
  /** The root the Merkle path computes, internal byte order; undefined when the path failed. */
  readonly pathRoot: Uint8Array | undefined;
}

/**
 * wire-format.md §5, what binds a BSV anchor to a block offline: `bsv.header` (the 80-byte header
 * hashes to `blockHash`), `bsv.merkle-root` (its Merkle root is the one the path computes) and
 * `bsv.proof-of-work` (its hash meets the target of its own nBits, which the network allows).
 * Whether that block is in the best chain is for an online check.
 */
export function checkBlockHeader({ anchor, supplied, pathRoot }: HeaderInput): [name: BsvCheckName, result: CheckResult][] {
  const given =
    typeof anchor['blockHeader'] === 'string'
      ? { text: anchor['blockHeader'], from: 'the header' }
      : supplied === undefined
        ? undefined
        : { text: supplied, from: 'the header supplied to the verifier (not in the proof)' };
  if (given === undefined) {
    const none = failure('no block header to check (see bsv.header)');
    return [
      ['bsv.header', failure('the anchor has no blockHeader, so nothing in the proof ties its Merkle path to a block; `publisher verify --online` fetches the header')],
      ['bsv.merkle-root', none],
      ['bsv.proof-of-work', none],
    ];
  }
  const bytes = fromHex(given.text.toLowerCase());
  let header: BlockHeader;
  try {
    if (bytes === undefined) throw new Error('blockHeader is not hex');
    header = parseBlockHeader(bytes);
  } catch (error) {
    const unusable = failure('no usable block header (see bsv.header)');
    return [['bsv.header', failure(`${messageOf(error)} (a block header is ${BLOCK_HEADER_BYTES} bytes)`)], ['bsv.merkle-root', unusable], ['bsv.proof-of-work', unusable]];
  }
  const hash = reversedHex(hash256(bytes));
  return [
    ['bsv.header', checkHash(hash, anchor['blockHash'], given.from)],
    ['bsv.merkle-root', checkRoot(header, pathRoot)],
    ['bsv.proof-of-work', checkWork(hash, header.bits, anchor['network'])],
  ];
}

function checkHash(hash: string, blockHash: unknown, from: string): CheckResult {
  if (typeof blockHash !== 'string') return failure(`the anchor names no blockHash; ${from} hashes to ${hash}`);
  return blockHash.toLowerCase() === hash ? pass(`${from} hashes to the blockHash ${hash}`) : failure(`${from} hashes to ${hash}, not to the blockHash ${blockHash}`);
}

function checkRoot(header: BlockHeader, pathRoot: Uint8Array | undefined): CheckResult {
  const root = reversedHex(header.merkleRoot);
  if (pathRoot === undefined) return failure(`the header's Merkle root is ${root}, but the path computes none (see bsv.merkle-path)`);
  return equalBytes(header.merkleRoot, pathRoot)
    ? pass(`the header's Merkle root ${root} is the one the path computes`)
    : failure(`the header's Merkle root is ${root}, the path computes ${reversedHex(pathRoot)}`);
}

function checkWork(hash: string, bits: number, network: unknown): CheckResult {
  const target = compactTarget(bits);
  if (typeof target === 'string') return failure(`nBits ${bitsHex(bits)}: ${target}`);
  const limitBits = typeof network === 'string' ? powLimits[network] : undefined;
  if (limitBits === undefined) return failure(`no proof-of-work limit is known for network ${JSON.stringify(network)}, so the target of nBits ${bitsHex(bits)} cannot be judged`);
  if (target > (compactTarget(limitBits) as bigint)) return failure(`nBits ${bitsHex(bits)} is an easier target than ${String(network)} allows (${bitsHex(limitBits)})`);
  const difficulty = `difficulty ${Number((Number(difficultyOne) / Number(target)).toPrecision(6))}`;
  return BigInt(`0x${hash}`) <= target
    ? pass(`the header hash meets the target of its nBits ${bitsHex(bits)} (${difficulty})`)
    : failure(`the header hash ${hash} is above the target of its nBits ${bitsHex(bits)} (${difficulty}): no proof of work`);
}
