import type { AnchorVerification, AnchorVerifier } from '../anchor-verifier.ts';
import { claimValue } from '../claim-value.ts';
import { checkBsvAnchor } from './check-bsv-anchor.ts';
import { bsvOnline } from './bsv-online.ts';
import { checkpointPushes, recordPushes, type ExpectedPushes } from './expected-pushes.ts';

/**
 * The built-in BSV anchor verifier (wire-format.md §5). Offline, the header ties the transaction
 * to a block with proof of work; that this block is in the best chain, at the height the path
 * names, is the online claim. A log checkpoint's anchor is checked the same way, its output
 * pushing the checkpoint's note instead of a record (transparency-log.md §5).
 */
export const bsvVerifier: AnchorVerifier = {
  chain: 'bsv',
  async verify(anchor, { index, facts, blockHeaders }) {
    return verifyBsv(anchor, index, recordPushes(facts), blockHeaders);
  },
  async verifyCheckpoint(anchor, { index, note, origin, treeSize, blockHeaders }) {
    return verifyBsv(anchor, index, checkpointPushes(note, origin, treeSize), blockHeaders);
  },
  online: bsvOnline,
};

function verifyBsv(anchor: Readonly<Record<string, unknown>>, index: number, expected: ExpectedPushes, blockHeaders: Readonly<Record<string, string>> | undefined): AnchorVerification {
  const blockHash = typeof anchor['blockHash'] === 'string' ? anchor['blockHash'].toLowerCase() : undefined;
  const { checks, merkleRoot } = checkBsvAnchor(anchor, index, expected, blockHash === undefined ? undefined : blockHeaders?.[blockHash]);
  const height = merkleRoot?.blockHeight ?? anchor['blockHeight'];
  const claim = `block ${claimValue(anchor['blockHash'])} is in the best chain at height ${claimValue(height)}, with ${claimValue(anchor['confirmations'])} or more confirmations`;
  return { checks, ...(merkleRoot === undefined ? {} : { merkleRoot }), onlineClaim: { anchor: index, chain: 'bsv', claim } };
}
