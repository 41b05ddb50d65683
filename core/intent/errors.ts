import { PublisherError } from '../errors/index.ts';

/** The intent domain's refusals, so each reason is phrased and tagged in one place. */

export function malformedIntent(field: string, problem: string, cause?: unknown): PublisherError {
  return new PublisherError('MALFORMED_INTENT', `malformed intent: ${problem}`, { cause, metadata: { field } });
}

export function intentTooLarge(sizeBytes: number, maxBytes: number): PublisherError {
  return new PublisherError('INTENT_TOO_LARGE', `intent is ${sizeBytes} bytes of UTF-8; the limit is ${maxBytes}`, {
    metadata: { sizeBytes: String(sizeBytes), maxBytes: String(maxBytes) },
  });
}

export function badSignature(scheme: string, recordId: string): PublisherError {
  return new PublisherError(
    'BAD_SIGNATURE',
    `signature does not verify under ${scheme} for signer.publicKey over the digest ${recordId} ` +
      '(the SHA-256 of the RFC 8785 canonical envelope without "signature"; secp256k1 needs low-S)',
    { metadata: { scheme, recordId } },
  );
}

export function staleIntent(skewMs: number, windowMs: number): PublisherError {
  const direction = skewMs > 0 ? 'ahead of' : 'behind';
  return new PublisherError(
    'STALE_INTENT',
    `timestamp is ${Math.abs(skewMs) / 1000} s ${direction} the node clock; intents are accepted within ±${windowMs / 1000} s`,
    { metadata: { field: 'timestamp', skewMs: String(skewMs), windowMs: String(windowMs) } },
  );
}

export function unknownTarget(unknown: readonly string[], enabled: readonly string[]): PublisherError {
  const offered = enabled.length === 0 ? 'this node has no chain enabled' : `enabled: ${enabled.join(', ')}`;
  return new PublisherError('UNKNOWN_TARGET', `unknown target ${unknown.map((t) => JSON.stringify(t)).join(', ')}; ${offered}`, {
    metadata: { field: 'targets', unknown: unknown.join(','), enabled: enabled.join(',') },
  });
}
