import type { AnchorVerification, AnchorVerifier } from '../anchor-verifier.ts';
import type { LogKeySource } from '../check-receipt.ts';
import { claimValue } from '../claim-value.ts';
import { isObject } from '../../json/is-object.ts';
import type { ArweaveSubject } from './arweave-subject.ts';
import { checkArweaveAnchor } from './check-arweave-anchor.ts';
import { checkpointSubject } from './checkpoint-subject.ts';
import { recordSubject } from './record-subject.ts';
import { arweaveOnline } from './arweave-online.ts';

/**
 * The built-in Arweave anchor verifier (wire-format.md §5). Offline, the operator signed the item
 * (and the bundle's header when the anchor carries it); that a bundle holding it was mined, and
 * where, is the online claim. A log checkpoint's anchor is checked the same way, its data being
 * the checkpoint's note under the checkpoint tags (transparency-log.md §5).
 */
export const arweaveVerifier: AnchorVerifier = {
  chain: 'arweave',
  async verify(anchor, { index, facts, receipt, logKey }) {
    return verifyArweave(anchor, index, recordSubject(facts, isObject(receipt) ? receipt['creator'] : undefined, anchor['itemKey']), logKey);
  },
  async verifyCheckpoint(anchor, { index, logKey, ...checkpoint }) {
    return verifyArweave(anchor, index, checkpointSubject(checkpoint), logKey);
  },
  online: arweaveOnline,
};

async function verifyArweave(anchor: Readonly<Record<string, unknown>>, index: number, subject: ArweaveSubject, logKey: LogKeySource | undefined): Promise<AnchorVerification> {
  const checks = await checkArweaveAnchor(anchor, index, subject, logKey);
  const where = `in block ${claimValue(anchor['blockHash'])} at height ${claimValue(anchor['blockHeight'])} of the best chain, with ${claimValue(anchor['confirmations'])} or more confirmations`;
  const claim =
    typeof anchor['bundleId'] === 'string' ? `bundle ${anchor['bundleId']} holds item ${claimValue(anchor['id'])} and is ${where}` : `transaction ${claimValue(anchor['id'])} is ${where}`;
  return { checks, onlineClaim: { anchor: index, chain: 'arweave', claim } };
}
