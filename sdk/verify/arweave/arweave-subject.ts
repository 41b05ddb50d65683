import type { CheckResult } from '../check-result.ts';
import type { Tag } from './avro-tags.ts';

/**
 * What an Arweave anchor must carry, for checkArweaveAnchor: a record's signed intent under the
 * §4 tags (record-subject.ts), or the operator's log checkpoint under its own tags
 * (checkpoint-subject.ts). The item or transaction around it is checked the same way for both.
 */
export interface ArweaveSubject {
  /** What the data must be, for details: "the signed intent". */
  readonly dataName: string;
  /** `arweave.data`: the item's (or layer-1 transaction's) data is this subject. May throw: a throw is a failure. */
  checkData(data: Uint8Array): CheckResult;
  /**
   * `arweave.tags`: its tags. `operator` is the operator's wallet (the key that signed the item or
   * transaction, or for an Ed25519 item its bundle's signer; a string says why there is none);
   * `layer1` says they are a layer-1 transaction's.
   */
  checkTags(tags: readonly Tag[], operator: Uint8Array | string, layer1: boolean): CheckResult;
  /** The key an Ed25519 item's owner is compared with when the caller trusts none: the anchor's `itemKey`, for a record. */
  readonly itemKey?: unknown;
}
