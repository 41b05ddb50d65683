import { PublisherError } from '../errors/index.ts';

export function keyNotRegistered(scheme: string, publicKey: string): PublisherError {
  return new PublisherError('KEY_NOT_REGISTERED', `signer ${scheme}:${publicKey} is not registered on this node; ask the operator to register it`, {
    metadata: { scheme, publicKey },
  });
}

export function keyRevoked(scheme: string, publicKey: string, revokedAt: Date): PublisherError {
  return new PublisherError('KEY_REVOKED', `signer ${scheme}:${publicKey} was revoked at ${revokedAt.toISOString()}`, {
    metadata: { scheme, publicKey, revokedAt: revokedAt.toISOString() },
  });
}

export function nonceReused(nonce: string, recordId: string): PublisherError {
  return new PublisherError('NONCE_REUSED', `nonce ${nonce} was already used by this signer for another intent (record ${recordId}); sign with a fresh nonce`, {
    metadata: { field: 'nonce', nonce, recordId },
  });
}
