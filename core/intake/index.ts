export { acceptIntents } from './accept-intents.ts';
export type { IntakeContext } from './intake-context.ts';
export type { AcceptedIntent, IntakeResult } from './intake-result.ts';
export type { QuotaLimits } from './quota.ts';
