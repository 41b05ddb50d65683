import type { RejectReason } from './chain-adapter.ts';

/**
 * The one place that decides what a failed broadcast means for the publications in it
 * (FireFly's rule: adapters classify, the core decides).
 * - retry:    the same signed bytes again later (the network did not judge the transaction)
 * - requeue:  the transaction is dead; its records go back to QUEUED with fresh funding
 * - fail:     no transaction could ever carry these records as they are; FAILED with the reason
 */
export type RejectAction = 'retry' | 'requeue' | 'fail';

const actions: Record<RejectReason, RejectAction> = {
  unavailable: 'retry',
  timeout: 'retry',
  rate_limited: 'retry',
  unauthorized: 'retry',
  insufficient_fee: 'requeue',
  double_spend: 'requeue',
  missing_inputs: 'requeue',
  // A transaction the network refuses as invalid is usually ours to fix, not the records': the
  // pipeline requeues it and gives up (FAILED) after its attempt limit.
  invalid: 'requeue',
  too_large: 'fail',
};

export function rejectAction(reason: RejectReason): RejectAction {
  return actions[reason];
}

export function isRetryable(reason: RejectReason): boolean {
  return actions[reason] === 'retry';
}
