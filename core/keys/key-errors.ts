import { PublisherError } from '../errors/index.ts';
import { schemes } from '../schemes/index.ts';

export function keyNotFound(scheme: string, publicKey: string): PublisherError {
  return new PublisherError('NOT_FOUND', `no key ${scheme}:${publicKey} is registered on this node`, { metadata: { scheme, publicKey } });
}

export function keyExists(scheme: string, publicKey: string, status: string): PublisherError {
  const hint = status === 'revoked' ? '; a revoked key stays revoked: register a new key instead' : '';
  return new PublisherError('KEY_EXISTS', `key ${scheme}:${publicKey} is already registered (${status})${hint}`, { metadata: { scheme, publicKey, status } });
}

export function invalidKeyRequest(field: string, problem: string): PublisherError {
  return new PublisherError('INVALID_REQUEST', `${field}: ${problem}`, { metadata: { field } });
}

/** The scheme by name, and the key decoded with it; an admin's typo is INVALID_REQUEST, not MALFORMED_INTENT. */
export function decodeKey(scheme: string, publicKey: string): Uint8Array {
  const found = schemes.get(scheme);
  if (!found) throw invalidKeyRequest('key.scheme', `unknown signature scheme "${scheme}"; known: ${schemes.names.join(', ')}`);
  try {
    return found.decodePublicKey(publicKey);
  } catch (error) {
    throw invalidKeyRequest('key.public_key', error instanceof Error ? error.message : String(error));
  }
}
