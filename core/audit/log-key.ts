import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { PublisherError } from '../errors/index.ts';

/**
 * The operator's Ed25519 log key (transparency-log.md §2): it signs the log's checkpoints, and
 * the same key signs the operator's items on chains whose plugins sign with it (wire-format.md §4), so it is loaded once
 * and handed to whoever signs with it.
 */
export interface LogKey {
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
}

/** PKCS #8 DER header of an Ed25519 private key (RFC 8410), followed by the 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A log key from 64 hex characters: the RFC 8032 seed. */
export function logKeyFromSeedHex(hex: string): LogKey {
  const text = hex.trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new PublisherError('INVALID_REQUEST', 'the log key must be 64 hex characters (an Ed25519 seed)');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, Buffer.from(text, 'hex')]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKey: Uint8Array.from(Buffer.from(jwk.x!, 'base64url')) };
}

export function generateLogKeyHex(): string {
  return randomBytes(32).toString('hex');
}

/** An origin is a key name (signed-note) and a schema-less URL-like name (tlog-checkpoint). */
export function checkOrigin(origin: string): string | undefined {
  if (origin.length === 0) return 'the log origin is empty';
  if (/[\s+]/u.test(origin)) return `the log origin "${origin}" must contain no spaces and no "+"`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(origin)) return `the log origin "${origin}" must have no scheme (like example.com/log)`;
  return undefined;
}

/**
 * The dev profile's origin, from the key itself, so two dev nodes (each with its own generated
 * key) never share one: `.localhost` is reserved and names no public log.
 */
export function devOrigin(key: LogKey): string {
  return `dev.chain-publisher.localhost/${createHash('sha256').update(key.publicKey).digest('hex').slice(0, 16)}`;
}

/** Signs checkpoints with the log key under one origin (C2SP signed-note, tlog-checkpoint). */
export interface CheckpointSigner {
  readonly key: LogKey;
  readonly origin: string;
  /** `<origin>+<hex key ID>+<base64(0x01 ‖ public key)>`: what verifiers are given. */
  readonly verifierKey: string;
  /** The signed note of the checkpoint `<origin>\n<size>\n<base64 root>\n`, with one signature line. */
  signCheckpoint(size: number, rootHash: Uint8Array): string;
}

export function checkpointSigner(key: LogKey, origin: string): CheckpointSigner {
  const problem = checkOrigin(origin);
  if (problem) throw new PublisherError('INVALID_REQUEST', problem);
  const typed = Buffer.concat([Buffer.of(0x01), key.publicKey]);
  // Key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4].
  const keyId = createHash('sha256').update(origin).update(Buffer.of(0x0a)).update(typed).digest().subarray(0, 4);
  return {
    key,
    origin,
    verifierKey: `${origin}+${keyId.toString('hex')}+${typed.toString('base64')}`,
    signCheckpoint(size, rootHash) {
      const body = `${origin}\n${size}\n${Buffer.from(rootHash).toString('base64')}\n`;
      const signature = sign(null, Buffer.from(body, 'utf8'), key.privateKey);
      return `${body}\n\u2014 ${origin} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
    },
  };
}

/** True when `note` is a checkpoint of `signer`'s origin carrying a valid signature of its key. */
export function signedBy(note: string, signer: CheckpointSigner): boolean {
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.startsWith(`${signer.origin}\n`)) return false;
  const body = note.slice(0, split + 1);
  const [keyIdB64, ...rest] = [...note.slice(split + 2).matchAll(/^\u2014 (\S+) (\S+)$/gmu)].filter((m) => m[1] === signer.origin).map((m) => m[2]!);
  if (keyIdB64 === undefined || rest.length > 0) return false;
  const raw = Buffer.from(keyIdB64, 'base64');
  const keyId = signer.verifierKey.split('+')[1];
  if (raw.length !== 68 || raw.subarray(0, 4).toString('hex') !== keyId) return false;
  return verify(null, Buffer.from(body, 'utf8'), createPublicKey(signer.key.privateKey), raw.subarray(4));
}
