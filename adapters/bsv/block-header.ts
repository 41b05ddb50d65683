import { createHash } from 'node:crypto';

const hash64 = /^[0-9a-fA-F]{64}$/;

/**
 * The 80-byte header of block `blockHash`, serialised from the fields of WhatsOnChain's
 * `GET /block/{hash}/header` (a node's getblockheader JSON: version, previousblockhash, merkleroot,
 * time, bits as hex text, nonce). WhatsOnChain serves no raw header bytes for one block; the
 * fields are enough, and the bytes must hash to `blockHash` or they are refused. Returns the
 * bytes, or what is wrong with the answer.
 */
export function headerFromWoc(json: unknown, blockHash: string): Buffer | string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'the answer is not a JSON object';
  const { version, previousblockhash = '0'.repeat(64), merkleroot, time, bits, nonce } = json as Record<string, unknown>;
  const bitsValue = typeof bits === 'string' && /^[0-9a-fA-F]{1,8}$/.test(bits) ? Number.parseInt(bits, 16) : bits;
  if (!Number.isSafeInteger(version) || (version as number) < -(2 ** 31) || (version as number) > 0xffffffff) return 'version is not a 32-bit integer';
  if (typeof previousblockhash !== 'string' || !hash64.test(previousblockhash) || typeof merkleroot !== 'string' || !hash64.test(merkleroot)) {
    return 'previousblockhash and merkleroot must be 64 hex characters';
  }
  if (![time, bitsValue, nonce].every((n) => Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= 0xffffffff)) return 'time, bits and nonce must be 32-bit unsigned integers';
  const header = Buffer.alloc(80);
  header.writeUInt32LE((version as number) >>> 0, 0);
  Buffer.from(previousblockhash, 'hex').reverse().copy(header, 4);
  Buffer.from(merkleroot, 'hex').reverse().copy(header, 36);
  header.writeUInt32LE(time as number, 68);
  header.writeUInt32LE(bitsValue as number, 72);
  header.writeUInt32LE(nonce as number, 76);
  const hash = displayHash(header);
  return hash === blockHash.toLowerCase() ? header : `its fields make a header hashing to ${hash}, not to ${blockHash}`;
}

/** A block's id: its header's double SHA-256, byte-reversed. */
export function displayHash(header: Uint8Array): string {
  const once = createHash('sha256').update(header).digest();
  return createHash('sha256').update(once).digest().reverse().toString('hex');
}
