import { toHex } from '../../encoding/hex.ts';
import { PublisherSdkError } from '../../errors/sdk-error.ts';
import { isObject } from '../../json/is-object.ts';
import { BLOCK_HEADER_BYTES } from './block-header.ts';
import { hash256, reversedHex } from './hash256.ts';

const hash64 = /^[0-9a-fA-F]{64}$/;

/**
 * The 80-byte block header, as lowercase hex, rebuilt from a node's `getblockheader` JSON as
 * WhatsOnChain's `GET /block/{hash}/header` serves it (version, previousblockhash, merkleroot, time,
 * bits as hex text or a number, nonce, hash). For an online step that fetched the header a proof
 * lacks. Throws MALFORMED_RESPONSE when a field is missing or the bytes do not hash to `hash`.
 */
export function blockHeaderFromJson(json: unknown): string {
  if (!isObject(json)) throw malformed('it is not a JSON object');
  const { version, previousblockhash, merkleroot, time, bits, nonce, hash } = json;
  const bitsValue = typeof bits === 'string' && /^[0-9a-fA-F]{1,8}$/.test(bits) ? Number.parseInt(bits, 16) : bits;
  const prev = previousblockhash === undefined ? '0'.repeat(64) : previousblockhash;
  // getblockheader prints version as a signed 32-bit number; either reading is the same four bytes.
  if (!Number.isSafeInteger(version) || (version as number) < -(2 ** 31) || (version as number) > 0xffffffff) throw malformed('version is not a 32-bit integer');
  if (typeof prev !== 'string' || !hash64.test(prev)) throw malformed('previousblockhash is not 64 hex characters');
  if (typeof merkleroot !== 'string' || !hash64.test(merkleroot)) throw malformed('merkleroot is not 64 hex characters');
  if (!isUint32(time) || !isUint32(bitsValue) || !isUint32(nonce)) throw malformed('time, bits and nonce must be 32-bit unsigned integers');
  if (typeof hash !== 'string' || !hash64.test(hash)) throw malformed('hash is not 64 hex characters');
  const header = new Uint8Array(BLOCK_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, (version as number) >>> 0, true);
  header.set(internalOrder(prev), 4);
  header.set(internalOrder(merkleroot), 36);
  view.setUint32(68, time as number, true);
  view.setUint32(72, bitsValue as number, true);
  view.setUint32(76, nonce as number, true);
  const computed = reversedHex(hash256(header));
  if (computed !== hash.toLowerCase()) throw malformed(`the fields hash to ${computed}, not to ${hash}`);
  return toHex(header);
}

function isUint32(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;
}

/** Display hex (as JSON shows hashes) to the byte order the header holds. */
function internalOrder(display: string): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[31 - i] = Number.parseInt(display.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function malformed(problem: string): PublisherSdkError {
  return new PublisherSdkError('MALFORMED_RESPONSE', `block header JSON: ${problem}`);
}
