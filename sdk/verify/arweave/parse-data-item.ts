import { ByteReader } from '../../encoding/byte-reader.ts';
import { parseAvroTags, type Tag } from './avro-tags.ts';

/** Signature types this verifier knows, with arbundles' key and signature sizes. */
export const signatureTypes = {
  1: { name: 'arweave (RSA-4096 PSS)', signatureLength: 512, ownerLength: 512 },
  2: { name: 'ed25519', signatureLength: 64, ownerLength: 32 },
  3: { name: 'ethereum (secp256k1)', signatureLength: 65, ownerLength: 65 },
} as const;

export type SignatureType = keyof typeof signatureTypes;

export interface DataItem {
  readonly signatureType: SignatureType;
  readonly signature: Uint8Array;
  readonly owner: Uint8Array;
  /** Empty when absent, as the deep hash takes it. */
  readonly target: Uint8Array;
  readonly anchor: Uint8Array;
  /** The tag section exactly as signed. */
  readonly rawTags: Uint8Array;
  readonly tags: readonly Tag[];
  readonly data: Uint8Array;
}

// ANS-104's limits, which arbundles enforces on verification too.
const maxTags = 128;
const maxTagBytes = 4096;

/**
 * An ANS-104 data item: signature type (u16 LE), signature, owner, target and anchor (each a
 * presence byte 0/1 then 32 bytes), tag count and tag byte length (u64 LE each), Avro tags, data.
 */
export function parseDataItem(bytes: Uint8Array): DataItem {
  const reader = new ByteReader(bytes, 'ANS-104 data item');
  const type = reader.uintLE(2, 'signature type');
  if (!isSignatureType(type)) return reader.fail(`signature type ${type} is not supported (known: ${Object.keys(signatureTypes).join(', ')})`);
  const sizes = signatureTypes[type];
  const signature = reader.read(sizes.signatureLength, 'signature');
  const owner = reader.read(sizes.ownerLength, 'owner');
  const target = optional32(reader, 'target');
  const anchor = optional32(reader, 'anchor');
  const tagCount = reader.uintLE(8, 'tag count');
  const tagBytes = reader.uintLE(8, 'tag byte length');
  if (tagCount > maxTags || tagBytes > maxTagBytes) reader.fail(`${tagCount} tags in ${tagBytes} bytes exceed ANS-104's ${maxTags} tags / ${maxTagBytes} bytes`);
  const rawTags = reader.read(tagBytes, 'tags');
  const tags = tagBytes === 0 ? [] : parseAvroTags(rawTags);
  if (tags.length !== tagCount) reader.fail(`the header counts ${tagCount} tags but ${tags.length} are encoded`);
  const data = reader.read(reader.remaining, 'data');
  return { signatureType: type, signature, owner, target, anchor, rawTags, tags, data };
}

function optional32(reader: ByteReader, field: string): Uint8Array {
  const present = reader.u8(`${field} presence`);
  if (present > 1) reader.fail(`${field} presence byte is ${present}, not 0 or 1`);
  return present === 1 ? reader.read(32, field) : new Uint8Array(0);
}

function isSignatureType(type: number): type is SignatureType {
  return Object.hasOwn(signatureTypes, type);
}
