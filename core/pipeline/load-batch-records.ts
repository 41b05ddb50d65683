import type { BatchRecord } from '../adapter/index.ts';
import { parseIntent } from '../intent/index.ts';

/** Stored (already verified) envelopes back into what adapters need; parsing is re-done, not trusted columns. */
export function toBatchRecord(intentJson: string, creator: string): BatchRecord {
  const intent = parseIntent(intentJson, { maxEnvelopeBytes: Number.MAX_SAFE_INTEGER, maxDepth: 1_000 });
  return {
    recordId: intent.recordId,
    digest: intent.digest,
    scheme: intent.scheme.name,
    publicKey: intent.publicKey,
    publicKeyText: intent.publicKeyText,
    signature: intent.signature,
    signatureText: intent.signatureText,
    creator,
    intentJson,
  };
}
