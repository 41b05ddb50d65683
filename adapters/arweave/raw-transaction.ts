import { ArweaveAdapterError } from './arweave-adapter-error.ts';

/** A signed format-2 layer-1 transaction as the gateway's `POST /tx` takes it, without its data. */
export interface TransactionHeader {
  format: 2;
  id: string;
  last_tx: string;
  owner: string;
  /** base64url names and values. */
  tags: { name: string; value: string }[];
  target: string;
  quantity: string;
  data: '';
  data_size: string;
  data_root: string;
  reward: string;
  signature: string;
}

export interface StoredTransaction {
  header: TransactionHeader;
  /** The header's JSON text exactly as written ahead: what a chunked upload posts. */
  headerText: string;
  data: Uint8Array;
}

const MAGIC = Buffer.from('arw2');

/**
 * The write-ahead bytes of a signed transaction: "arw2", the header's JSON length (u32 BE), the
 * header JSON, then the data (a bundle or one envelope) as raw bytes. A quarter smaller than the
 * JSON form with base64url data, and an item is a slice of it. Everything signed is in here, so
 * broadcast re-posts exactly this transaction after any crash, never a re-signed variant.
 */
export function encodeRaw(header: TransactionHeader, data: Uint8Array): Uint8Array {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, length, json, data]);
}

export function decodeRaw(raw: Uint8Array): StoredTransaction {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (buffer.length < 8 || !buffer.subarray(0, 4).equals(MAGIC)) throw bad('it does not start with "arw2"');
  const end = 8 + buffer.readUInt32BE(4);
  if (end > buffer.length) throw bad('its header runs past its end');
  const headerText = buffer.subarray(8, end).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(headerText);
  } catch (cause) {
    throw bad('its header is not JSON', cause);
  }
  if (!isHeader(value)) throw bad('its header is not a signed format-2 transaction');
  const data = buffer.subarray(end);
  if (String(data.length) !== value.data_size) throw bad(`it holds ${data.length} bytes of data where the header says ${value.data_size}`);
  return { header: value, headerText, data };
}

function isHeader(value: unknown): value is TransactionHeader {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const strings = ['id', 'last_tx', 'owner', 'target', 'quantity', 'data_size', 'data_root', 'reward', 'signature'];
  return (
    v['format'] === 2 &&
    v['data'] === '' &&
    strings.every((key) => typeof v[key] === 'string') &&
    Array.isArray(v['tags']) &&
    v['tags'].every((tag: unknown) => typeof tag === 'object' && tag !== null && typeof (tag as Tag)['name'] === 'string' && typeof (tag as Tag)['value'] === 'string')
  );
}

type Tag = Record<string, unknown>;

function bad(why: string, cause?: unknown): ArweaveAdapterError {
  return new ArweaveAdapterError('raw', `these raw bytes are not a transaction this adapter wrote: ${why}`, cause === undefined ? {} : { cause });
}
