export { acceptIntents } from './accept-intents.ts';
export { groupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.ts';
export type { IntakeContext } from './intake-context.ts';
export type { AcceptedIntent, IntakeResult } from './intake-result.ts';
export type { QuotaLimits } from './quota.ts';
export { onEventLoop, type IntakeCompute } from './intake-compute.ts';
export { startIntakeThreads } from './intake-threads.ts';
