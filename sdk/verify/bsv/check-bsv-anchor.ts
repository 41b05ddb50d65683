import { equalBytes } from '../../encoding/bytes.ts';
import { fromHex } from '../../encoding/hex.ts';
import { failure, guarded, messageOf, pass, type CheckResult } from '../check-result.ts';
import type { ComputedMerkleRoot, ProofCheck } from '../proof-report.ts';
import { checkBlockHeader } from './check-block-header.ts';
import type { ExpectedPushes } from './expected-pushes.ts';
import { hash256, reversedHex } from './hash256.ts';
import { merkleRoot } from './merkle-root.ts';
import { opReturnPushes } from './op-return-pushes.ts';
import { parseBump } from './parse-bump.ts';
import { parseTransaction } from './parse-transaction.ts';
import type { BsvCheckName } from './bsv-checks.ts';

export interface BsvAnchorResult {
  readonly checks: readonly ProofCheck[];
  readonly merkleRoot?: ComputedMerkleRoot;
}

/**
 * wire-format.md §5 for one BSV anchor: rawTx hashes to txid; output vout is a 0-satoshi
 * OP_FALSE OP_RETURN carrying exactly the `expected` pushes (a record's six §3 pushes for this
 * intent, or a log checkpoint's three); the BUMP computes a root for the transaction; the block
 * header binds that root to `blockHash` (check-block-header.ts). `suppliedHeader` stands in for a
 * missing `blockHeader` (a header the caller fetched online).
 */
export function checkBsvAnchor(anchor: Readonly<Record<string, unknown>>, index: number, expected: ExpectedPushes, suppliedHeader?: string): BsvAnchorResult {
  const raw = typeof anchor['rawTx'] === 'string' ? fromHex(anchor['rawTx'].toLowerCase()) : undefined;
  const hash = raw === undefined ? undefined : hash256(raw);
  const named = (name: BsvCheckName, result: CheckResult): ProofCheck => ({ name, anchor: index, ...result });
  const path = checkPath(anchor, hash);
  const header = checkBlockHeader({ anchor, supplied: suppliedHeader, pathRoot: path.internalRoot });
  return {
    checks: [
      named('bsv.txid', checkTxid(anchor['txid'], hash)),
      named('bsv.output', raw === undefined ? failure('rawTx is not hex') : guarded(() => checkOutput(raw, anchor['vout'], expected))),
      named('bsv.merkle-path', path.result),
      ...header.map(([name, result]) => named(name, result)),
    ],
    ...(path.root === undefined
      ? {}
      : {
          merkleRoot: {
            anchor: index,
            ...path.root,
            ...(typeof anchor['blockHash'] === 'string' ? { blockHash: anchor['blockHash'] } : {}),
          },
        }),
  };
}

function checkTxid(txid: unknown, hash: Uint8Array | undefined): CheckResult {
  if (hash === undefined) return failure('rawTx is not hex');
  const computed = reversedHex(hash);
  return typeof txid === 'string' && txid.toLowerCase() === computed
    ? pass(`rawTx hashes to ${computed}`)
    : failure(`rawTx hashes to ${computed}, not to the txid ${JSON.stringify(txid)}`);
}

function checkOutput(raw: Uint8Array, vout: unknown, expected: ExpectedPushes): CheckResult {
  const { outputs } = parseTransaction(raw);
  const output = typeof vout === 'number' && Number.isInteger(vout) ? outputs[vout] : undefined;
  if (output === undefined) {
    return failure(`vout ${JSON.stringify(vout)} is not an output of the transaction (it has ${outputs.length})`);
  }
  if (output.satoshis !== 0) return failure(`output ${vout} carries ${output.satoshis} satoshis, not 0`);
  const pushes = opReturnPushes(output.script);
  if (pushes === undefined) return failure(`output ${vout} does not start OP_FALSE OP_RETURN`);
  if ('unknown' in expected.pushes) return failure(expected.pushes.unknown);
  const wanted = expected.pushes;
  if (pushes.length !== wanted.length) return failure(`output ${vout} has ${pushes.length} pushes, not ${wanted.length} (${expected.what})`);
  const wrong = wanted.findIndex((bytes, i) => !equalBytes(bytes, pushes[i] ?? new Uint8Array(0)));
  return wrong === -1 ? pass(`output ${vout} is OP_FALSE OP_RETURN with ${expected.what}`) : failure(`output ${vout} push ${wrong + 1} is not ${expected.names[wrong]}`);
}

interface PathResult {
  readonly result: CheckResult;
  readonly root?: Omit<ComputedMerkleRoot, 'anchor' | 'blockHash'>;
  /** The root in internal byte order, as a block header holds it. */
  readonly internalRoot?: Uint8Array;
}

function checkPath(anchor: Readonly<Record<string, unknown>>, hash: Uint8Array | undefined): PathResult {
  const text = anchor['merklePath'];
  if (typeof text !== 'string') return { result: failure('no merklePath: the transaction is not known to be mined') };
  const bytes = fromHex(text.toLowerCase());
  if (bytes === undefined) return { result: failure('merklePath is not hex') };
  if (hash === undefined) return { result: failure('rawTx is not hex, so there is no transaction to place in the path') };
  try {
    const bump = parseBump(bytes);
    const internalRoot = merkleRoot(bump, hash);
    const root = reversedHex(internalRoot);
    const txid = reversedHex(hash);
    const claimed = anchor['blockHeight'];
    if (claimed !== undefined && claimed !== bump.blockHeight) {
      return { result: failure(`the path is for block ${bump.blockHeight}, the anchor claims ${JSON.stringify(claimed)}`) };
    }
    return {
      result: pass(`the path computes the Merkle root ${root} for block ${bump.blockHeight}`),
      root: { merkleRoot: root, txid, blockHeight: bump.blockHeight },
      internalRoot,
    };
  } catch (error) {
    return { result: failure(messageOf(error)) };
  }
}
