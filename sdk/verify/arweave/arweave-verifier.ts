import type { AnchorVerifier } from '../anchor-verifier.ts';
import { claimValue } from '../claim-value.ts';
import { isObject } from '../../json/is-object.ts';
import { checkArweaveAnchor } from './check-arweave-anchor.ts';
import { arweaveOnline } from './arweave-online.ts';

/**
 * The built-in Arweave anchor verifier (wire-format.md §5). Offline, the operator signed the item
 * (and the bundle's header when the anchor carries it); that a bundle holding it was mined, and
 * where, is the online claim.
 */
export const arweaveVerifier: AnchorVerifier = {
  chain: 'arweave',
  async verify(anchor, { index, facts, receipt, logKey }) {
    const checks = await checkArweaveAnchor(anchor, index, facts, isObject(receipt) ? receipt['creator'] : undefined, logKey);
    const where = `in block ${claimValue(anchor['blockHash'])} at height ${claimValue(anchor['blockHeight'])} of the best chain, with ${claimValue(anchor['confirmations'])} or more confirmations`;
    const claim =
      typeof anchor['bundleId'] === 'string' ? `bundle ${anchor['bundleId']} holds item ${claimValue(anchor['id'])} and is ${where}` : `transaction ${claimValue(anchor['id'])} is ${where}`;
    return { checks, onlineClaim: { anchor: index, chain: 'arweave', claim } };
  },
  online: arweaveOnline,
};
