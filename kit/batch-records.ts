import type { BatchRecord } from '../core/adapter/index.ts';
import { defaultIntentLimits, parseIntent, verifyIntent, type IntentLimits } from '../core/intent/index.ts';
import { toBatchRecord } from '../core/pipeline/index.ts';
import { secp256k1Scheme, type SignatureScheme } from '../core/schemes/index.ts';
import { newCreator } from './test-creator.ts';

/** Real signed intents turned into batch records, as the pipeline will hand them to adapters. */
export function batchRecords(count: number, targets: string[], scheme: SignatureScheme = secp256k1Scheme): BatchRecord[] {
  const creator = newCreator(scheme);
  return Array.from({ length: count }, (_, i) => batchRecord(creator.intent({ targets, record: { n: i, at: Date.now() } })));
}

/** A signed intent as a batch record; `limits` may be raised past a node's, for records no node would accept yet. */
export function batchRecord(text: string, limits: IntentLimits = defaultIntentLimits): BatchRecord {
  const intent = verifyIntent(parseIntent(text, limits));
  return toBatchRecord(text, intent.scheme.address(intent.publicKey, 'test'));
}
