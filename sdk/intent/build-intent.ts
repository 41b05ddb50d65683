import { randomBytes } from '../crypto/web-crypto.ts';
import { decodeBase64Url, encodeBase64Url } from '../encoding/base64url.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import { checkJsonObject } from '../json/check-json-value.ts';
import { schemeByName } from '../schemes/registry.ts';
import type { SchemeName } from '../schemes/scheme.ts';
import type { UnsignedIntent } from './intent-envelope.ts';

const targetName = /^[a-z][a-z0-9-]{0,31}$/;
const rfc3339Utc = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
// The node's default limit; a node configured deeper or shallower still decides for itself.
const maxDepth = 32;

export interface BuildIntentParameters {
  /** The content to publish: any JSON object. */
  readonly record: unknown;
  /** Chain adapter names, e.g. ["arweave", "bsv"]; 1 to 16, distinct. */
  readonly targets: readonly string[];
  /** The signer: a key from generateKey/importKey, or just its scheme and public key text. */
  readonly signer: { readonly scheme: SchemeName; readonly publicKey: string };
  /** base64url of 16 to 64 bytes; default 16 random bytes. Never reuse one with the same key. */
  readonly nonce?: string;
  /** RFC 3339 UTC text or a Date; default now, written with milliseconds and "Z". */
  readonly timestamp?: string | Date;
}

/**
 * An unsigned envelope (wire-format.md §1), checked against the rules the node enforces (§6) so a
 * mistake is caught here, with the field named, rather than as a refusal after signing.
 */
export function buildIntent(parameters: BuildIntentParameters): UnsignedIntent {
  const { record, targets, signer } = parameters;
  checkJsonObject(record, 'record', maxDepth);
  return {
    protocol: 'chain-publisher',
    version: 1,
    record,
    targets: checkedTargets(targets),
    nonce: parameters.nonce === undefined ? encodeBase64Url(randomBytes(16)) : checkedNonce(parameters.nonce),
    timestamp: checkedTimestamp(parameters.timestamp ?? new Date()),
    signer: checkedSigner(signer),
  };
}

function checkedTargets(targets: readonly string[]): string[] {
  if (!Array.isArray(targets) || targets.length === 0 || targets.length > 16) {
    fail('targets', 'must be an array of 1 to 16 chain names');
  }
  if (targets.some((target) => typeof target !== 'string' || !targetName.test(target))) {
    fail('targets', `must each match ${targetName.source}`);
  }
  if (new Set(targets).size !== targets.length) fail('targets', 'must not repeat a chain');
  return [...targets];
}

function checkedNonce(nonce: string): string {
  const bytes = typeof nonce === 'string' ? decodeBase64Url(nonce) : undefined;
  if (bytes === undefined || bytes.length < 16 || bytes.length > 64) {
    fail('nonce', 'must be base64url without padding of 16 to 64 bytes');
  }
  return nonce;
}

function checkedTimestamp(timestamp: string | Date): string {
  if (timestamp instanceof Date) {
    if (Number.isNaN(timestamp.getTime())) fail('timestamp', 'is an invalid Date');
    return timestamp.toISOString();
  }
  const match = typeof timestamp === 'string' ? rfc3339Utc.exec(timestamp) : null;
  if (match === null || !isRealTime(match.slice(1, 7).map(Number))) {
    fail('timestamp', 'must be a real UTC time written YYYY-MM-DDTHH:MM:SS[.fraction]Z');
  }
  return timestamp;
}

/** Rejects 2026-02-30, 24:00:00 and leap seconds, as the node does. */
function isRealTime([year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0]: number[]): boolean {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second
  );
}

function checkedSigner(signer: BuildIntentParameters['signer']): UnsignedIntent['signer'] {
  const scheme = schemeByName(signer?.scheme);
  if (scheme === undefined) fail('signer.scheme', 'must be "secp256k1" or "arweave-rsa-pss"');
  if (scheme.decodePublicKey(signer.publicKey) === undefined) {
    fail('signer.publicKey', `is not a ${scheme.name} public key as an envelope spells it`);
  }
  // Only the two members the envelope carries, even when given a whole key with its secret.
  return { scheme: scheme.name, publicKey: signer.publicKey };
}

function fail(field: string, problem: string): never {
  throw new PublisherSdkError('INVALID_INPUT', `${field} ${problem}`, { metadata: { field } });
}
