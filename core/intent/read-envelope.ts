import { decodeBase64Url, type JsonObject, type JsonValue } from '../canonical/index.ts';
import { isPublisherError } from '../errors/index.ts';
import { schemes, type SignatureScheme } from '../schemes/index.ts';
import { malformedIntent } from './errors.ts';
import type { IntentEnvelope } from './parsed-intent.ts';
import { parseRfc3339Utc } from './rfc3339.ts';

const envelopeMembers = new Set(['protocol', 'version', 'record', 'targets', 'nonce', 'timestamp', 'signer', 'signature']);
const signerMembers = new Set(['scheme', 'publicKey']);
const targetName = /^[a-z][a-z0-9-]{0,31}$/;
const maxTargets = 16;
const minNonceBytes = 16;
const maxNonceBytes = 64;

/** The envelope with its fields checked and decoded; nothing here has looked at the signature. */
export interface EnvelopeFields {
  readonly envelope: IntentEnvelope;
  readonly scheme: SignatureScheme;
  readonly publicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly nonce: Uint8Array;
  readonly timestampMs: number;
}

/**
 * Checks a parsed JSON value against the envelope schema of wire-format.md §1: exactly the known
 * members, each well formed, keys and signatures in their scheme's one accepted encoding. Every
 * refusal is MALFORMED_INTENT naming the field, and all of them happen before any signature check.
 */
export function readEnvelope(value: JsonValue): EnvelopeFields {
  if (!isObject(value)) {
    throw malformedIntent('envelope', 'the envelope must be a JSON object');
  }
  refuseUnknownMembers(value, envelopeMembers, '');
  if (member(value, 'protocol') !== 'chain-publisher') {
    throw malformedIntent('protocol', 'protocol must be "chain-publisher"');
  }
  if (member(value, 'version') !== 1) {
    throw malformedIntent('version', 'version must be 1');
  }
  const record = member(value, 'record');
  if (!isObject(record)) {
    throw malformedIntent('record', 'record must be a JSON object');
  }
  const targets = readTargets(member(value, 'targets'));
  const nonceText = readString(value, 'nonce');
  const nonce = decodeBase64Url(nonceText);
  if (nonce === undefined) {
    throw malformedIntent('nonce', 'nonce must be base64url without padding (alphabet A-Z a-z 0-9 - _)');
  }
  if (nonce.length < minNonceBytes || nonce.length > maxNonceBytes) {
    throw malformedIntent('nonce', `nonce must decode to ${minNonceBytes} to ${maxNonceBytes} bytes, not ${nonce.length}`);
  }
  const timestamp = readString(value, 'timestamp');
  const timestampMs = parseRfc3339Utc(timestamp);
  if (timestampMs === undefined) {
    throw malformedIntent('timestamp', 'timestamp must be a real UTC time written YYYY-MM-DDTHH:MM:SS[.fraction]Z');
  }
  const signer = member(value, 'signer');
  if (!isObject(signer)) {
    throw malformedIntent('signer', 'signer must be an object {scheme, publicKey}');
  }
  refuseUnknownMembers(signer, signerMembers, 'signer.');
  const schemeName = readString(signer, 'scheme', 'signer.');
  const scheme = schemes.get(schemeName);
  if (scheme === undefined) {
    throw malformedIntent('signer.scheme', `signer.scheme ${JSON.stringify(schemeName)} is not supported; use one of: ${schemes.names.join(', ')}`);
  }
  const publicKeyText = readString(signer, 'publicKey', 'signer.');
  const signatureText = readString(value, 'signature');
  return {
    envelope: {
      protocol: 'chain-publisher',
      version: 1,
      record,
      targets,
      nonce: nonceText,
      timestamp,
      signer: { scheme: schemeName, publicKey: publicKeyText },
      signature: signatureText,
    },
    scheme,
    publicKey: decode('signer.publicKey', () => scheme.decodePublicKey(publicKeyText)),
    signature: decode('signature', () => scheme.decodeSignature(signatureText)),
    nonce,
    timestampMs,
  };
}

function readTargets(value: JsonValue | undefined): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxTargets) {
    throw malformedIntent('targets', `targets must be an array of 1 to ${maxTargets} chain names`);
  }
  const seen = new Set<string>();
  return value.map((target, index) => {
    if (typeof target !== 'string' || !targetName.test(target)) {
      throw malformedIntent(`targets[${index}]`, `targets[${index}] must be a chain name matching ${targetName.source}`);
    }
    if (seen.has(target)) {
      throw malformedIntent(`targets[${index}]`, `targets lists ${JSON.stringify(target)} twice`);
    }
    seen.add(target);
    return target;
  });
}

function readString(object: JsonObject, name: string, path = ''): string {
  const value = member(object, name, path);
  if (typeof value !== 'string') {
    throw malformedIntent(path + name, `${path}${name} must be a string`);
  }
  return value;
}

function member(object: JsonObject, name: string, path = ''): JsonValue {
  const value = object[name];
  if (value === undefined) {
    throw malformedIntent(path + name, `missing member ${path}${name}`);
  }
  return value;
}

function refuseUnknownMembers(object: JsonObject, known: ReadonlySet<string>, path: string): void {
  for (const name of Object.keys(object)) {
    if (!known.has(name)) {
      const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
      throw malformedIntent(path + name.slice(0, 64), `unknown member ${path}${shown}; allowed: ${[...known].join(', ')}`);
    }
  }
}

/** Runs a scheme decoder, reporting its refusal under the envelope field it came from. */
function decode(field: string, run: () => Uint8Array): Uint8Array {
  try {
    return run();
  } catch (error) {
    throw malformedIntent(field, isPublisherError(error) ? error.message : `${field} could not be decoded`, error);
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
