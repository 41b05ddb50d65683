import { decodeBase64Url } from '../../encoding/base64url.ts';
import { utf8 } from '../../encoding/utf8.ts';
import { PublisherSdkError } from '../../errors/sdk-error.ts';
import { isObject } from '../../json/is-object.ts';
import { deepHash } from './deep-hash.ts';

/** A signed format-2 layer-1 transaction header (no data), its base64url fields decoded. */
export interface Layer1Tx {
  readonly id: string;
  readonly owner: Uint8Array;
  readonly target: Uint8Array;
  readonly quantity: string;
  readonly reward: string;
  readonly lastTx: Uint8Array;
  readonly tags: readonly { readonly name: Uint8Array; readonly value: Uint8Array }[];
  readonly dataSize: string;
  readonly dataRoot: Uint8Array;
  readonly signature: Uint8Array;
}

const decimal = /^(0|[1-9][0-9]*)$/;

/**
 * The `tx` of an Arweave anchor: `format` 2 and the header fields as a gateway's `GET /tx/{id}`
 * gives them (`id`, `last_tx`, `owner`, `tags` of base64url `name`/`value`, `target`, `quantity`,
 * `data_size`, `data_root`, `reward`, `signature`). Throws MALFORMED_PROOF naming the bad field.
 */
export function parseLayer1Tx(value: unknown): Layer1Tx {
  if (!isObject(value)) throw malformed('it is not an object');
  if (value['format'] !== 2) throw malformed(`format is ${JSON.stringify(value['format'])}, not 2`);
  const bytes = (field: string): Uint8Array => {
    const text = value[field];
    const decoded = typeof text === 'string' ? decodeBase64Url(text) : undefined;
    if (decoded === undefined) throw malformed(`${field} is not base64url`);
    return decoded;
  };
  const number = (field: string): string => {
    const text = value[field];
    if (typeof text !== 'string' || !decimal.test(text)) throw malformed(`${field} is not a decimal string`);
    return text;
  };
  const tags = value['tags'];
  if (!Array.isArray(tags)) throw malformed('tags is not an array');
  return {
    id: typeof value['id'] === 'string' ? value['id'] : '',
    owner: bytes('owner'),
    target: bytes('target'),
    quantity: number('quantity'),
    reward: number('reward'),
    lastTx: bytes('last_tx'),
    tags: tags.map((tag: unknown, i) => {
      const name = isObject(tag) && typeof tag['name'] === 'string' ? decodeBase64Url(tag['name']) : undefined;
      const tagValue = isObject(tag) && typeof tag['value'] === 'string' ? decodeBase64Url(tag['value']) : undefined;
      if (name === undefined || tagValue === undefined) throw malformed(`tag ${i} has no base64url name and value`);
      return { name, value: tagValue };
    }),
    dataSize: number('data_size'),
    dataRoot: bytes('data_root'),
    signature: bytes('signature'),
  };
}

/** What a format-2 transaction's signature covers, as arweave-js's getSignatureData builds it. */
export function layer1SignatureData(tx: Layer1Tx): Uint8Array {
  return deepHash([
    utf8('2'),
    tx.owner,
    tx.target,
    utf8(tx.quantity),
    utf8(tx.reward),
    tx.lastTx,
    tx.tags.map((tag) => [tag.name, tag.value]),
    utf8(tx.dataSize),
    tx.dataRoot,
  ]);
}

function malformed(problem: string): PublisherSdkError {
  return new PublisherSdkError('MALFORMED_PROOF', `layer-1 transaction: ${problem}`);
}
