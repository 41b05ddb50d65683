import { canonicalJson, sha256 } from '../canonical/index.ts';
import { intentTooLarge, malformedIntent } from './errors.ts';
import { defaultIntentLimits, type IntentLimits } from './limits.ts';
import type { ParsedIntent } from './parsed-intent.ts';
import { readEnvelope } from './read-envelope.ts';
import { parseStrictJson } from './strict-json.ts';

/**
 * Stage one of accepting an intent: everything that needs no key material. In order, so that the
 * cheapest refusal comes first and no signature is checked on a malformed envelope:
 * size (INTENT_TOO_LARGE) → strict JSON → schema and encodings (MALFORMED_INTENT) → digest.
 * Signature, time window, targets and key registration are the caller's next steps.
 */
export function parseIntent(text: string, limits: IntentLimits = defaultIntentLimits): ParsedIntent {
  if (typeof text !== 'string') {
    throw malformedIntent('envelope', 'the intent must be JSON text');
  }
  const sizeBytes = Buffer.byteLength(text, 'utf8');
  // Written so that a NaN limit from bad configuration refuses everything rather than nothing.
  if (!(sizeBytes <= limits.maxEnvelopeBytes)) {
    throw intentTooLarge(sizeBytes, limits.maxEnvelopeBytes);
  }
  const fields = readEnvelope(parseStrictJson(text, { maxDepth: limits.maxDepth }));
  const { envelope } = fields;
  // Rebuilt from the checked members, which are exactly the envelope's minus "signature".
  const signingInput = canonicalJson({
    protocol: envelope.protocol,
    version: envelope.version,
    record: envelope.record,
    targets: [...envelope.targets],
    nonce: envelope.nonce,
    timestamp: envelope.timestamp,
    signer: { scheme: envelope.signer.scheme, publicKey: envelope.signer.publicKey },
  });
  const digest = sha256(signingInput);
  return {
    envelope,
    sizeBytes,
    signingInput,
    digest,
    recordId: Buffer.from(digest).toString('hex'),
    scheme: fields.scheme,
    publicKey: fields.publicKey,
    publicKeyText: envelope.signer.publicKey,
    signature: fields.signature,
    signatureText: envelope.signature,
    nonce: fields.nonce,
    nonceText: envelope.nonce,
    timestamp: new Date(fields.timestampMs),
    timestampMs: fields.timestampMs,
    targets: [...envelope.targets].sort(),
    record: envelope.record,
  };
}
