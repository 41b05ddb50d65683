export { parseIntent } from './parse-intent.ts';
export { verifyIntent } from './verify-intent.ts';
export { checkTimestampWindow } from './check-timestamp-window.ts';
export { checkTargets } from './check-targets.ts';
export { badSignature } from './errors.ts';
export { parseStrictJson, type StrictJsonOptions } from './strict-json.ts';
export { defaultIntentLimits, type IntentLimits } from './limits.ts';
export type { IntentEnvelope, ParsedIntent, VerifiedIntent } from './parsed-intent.ts';
