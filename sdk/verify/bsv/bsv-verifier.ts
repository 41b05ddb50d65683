import type { AnchorVerifier } from '../anchor-verifier.ts';
import { claimValue } from '../claim-value.ts';
import { checkBsvAnchor } from './check-bsv-anchor.ts';
import { bsvOnline } from './bsv-online.ts';

/**
 * The built-in BSV anchor verifier (wire-format.md §5). Offline, the header ties the transaction
 * to a block with proof of work; that this block is in the best chain, at the height the path
 * names, is the online claim.
 */
export const bsvVerifier: AnchorVerifier = {
  chain: 'bsv',
  async verify(anchor, { index, facts, blockHeaders }) {
    const blockHash = typeof anchor['blockHash'] === 'string' ? anchor['blockHash'].toLowerCase() : undefined;
    const { checks, merkleRoot } = checkBsvAnchor(anchor, index, facts, blockHash === undefined ? undefined : blockHeaders?.[blockHash]);
    const height = merkleRoot?.blockHeight ?? anchor['blockHeight'];
    const claim = `block ${claimValue(anchor['blockHash'])} is in the best chain at height ${claimValue(height)}, with ${claimValue(anchor['confirmations'])} or more confirmations`;
    return { checks, ...(merkleRoot === undefined ? {} : { merkleRoot }), onlineClaim: { anchor: index, chain: 'bsv', claim } };
  },
  online: bsvOnline,
};
