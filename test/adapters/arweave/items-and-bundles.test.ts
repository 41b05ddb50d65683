import { createHash } from 'node:crypto';
import { Bundle, DataItem, serializeTags } from 'arbundles';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleBundle, readBundle } from '../../../adapters/arweave/bundle-binary.ts';
import { operatorWallet, type OperatorWallet } from '../../../adapters/arweave/operator-wallet.ts';
import { ed25519ItemSigner, signDataItem, walletItemSigner, type SignedItem } from '../../../adapters/arweave/sign-data-item.ts';
import { avroTagBytes } from '../../../adapters/arweave/tag-limits.ts';
import { parseDataItem } from '../../../sdk/verify/arweave/parse-data-item.ts';
import { verifyItemSignature } from '../../../sdk/verify/arweave/verify-item-signature.ts';
import { itemKeyOf, testLogSigner } from '../../support/log-signer.ts';
import { newWallet } from './support.ts';

let wallet: OperatorWallet;
let items: SignedItem[];
const logKey = itemKeyOf(testLogSigner());
let ed25519Items: SignedItem[];
const tags = (i: number) => [
  { name: 'App-Name', value: 'chain-publisher' },
  { name: 'Record-Id', value: String(i).repeat(64).slice(0, 64) },
  { name: 'Note', value: 'grüße ✓ 𝄞' },
];

beforeAll(async () => {
  wallet = operatorWallet(await newWallet());
  const signer = walletItemSigner(wallet);
  items = await Promise.all(Array.from({ length: 5 }, (_, i) => signDataItem(signer, `{"n":${i}}`, tags(i))));
  ed25519Items = await Promise.all(Array.from({ length: 5 }, (_, i) => signDataItem(ed25519ItemSigner(logKey), `{"n":${i}}`, tags(i))));
});

describe("data items signed with the operator's Ed25519 key (wire-format §4)", () => {
  it('are ANS-104 items of signature type 2: the 32-byte public key as owner, a 64-byte signature, id = SHA-256(signature)', () => {
    for (const item of ed25519Items) {
      const parsed = new DataItem(Buffer.from(item.raw));
      expect(parsed.signatureType).toBe(2);
      expect(parsed.rawOwner.equals(Buffer.from(logKey.publicKey))).toBe(true);
      expect(parsed.rawSignature.length).toBe(64);
      expect(item.id).toBe(createHash('sha256').update(parsed.rawSignature).digest('base64url'));
      expect(parsed.id).toBe(item.id);
      // ar.io gateways index an owner's address as base64url(SHA-256(owner)) whatever its type.
      expect(createHash('sha256').update(parsed.rawOwner).digest('base64url')).toBe(createHash('sha256').update(logKey.publicKey).digest('base64url'));
    }
  });

  it('verify with arbundles (its Curve25519 verifier) and with the SDK, and fail once a byte of data changes', async () => {
    for (const item of ed25519Items) {
      expect(await DataItem.verify(Buffer.from(item.raw))).toBe(true);
      expect(await verifyItemSignature(parseDataItem(item.raw))).toBe(true);
    }
    const forged = Buffer.from(ed25519Items[0]!.raw);
    forged[forged.length - 2] = forged[forged.length - 2]! ^ 1;
    expect(await DataItem.verify(forged)).toBe(false);
    expect(await verifyItemSignature(parseDataItem(forged))).toBe(false);
  });

  it('go into bundles with wallet-signed ones: arbundles reads and verifies the bundle, readBundle lists both types', async () => {
    const mixed = [ed25519Items[0]!, items[0]!, ed25519Items[1]!];
    const bytes = assembleBundle(mixed);
    const bundle = new Bundle(Buffer.from(bytes));
    expect(bundle.getIds()).toEqual(mixed.map((item) => item.id));
    expect(await bundle.verify()).toBe(true);
    expect(readBundle(bytes).map((entry) => entry.id)).toEqual(mixed.map((item) => item.id));
  });

  it('an item of a type the node does not issue (3, Ethereum) is refused by readBundle', () => {
    const bytes = Buffer.from(assembleBundle([ed25519Items[0]!]));
    bytes.writeUInt16LE(3, 32 + 64);
    expect(() => readBundle(bytes)).toThrow(/item 0 is of signature type 3, not one the node issues/);
  });
});

describe('operator-signed data items', () => {
  it('are ANS-104 items of signature type 1 owned by the operator, with id = SHA-256(signature)', () => {
    for (const item of items) {
      const parsed = new DataItem(Buffer.from(item.raw));
      expect(parsed.signatureType).toBe(1);
      expect(parsed.owner).toBe(wallet.owner);
      expect(item.id).toBe(createHash('sha256').update(parsed.rawSignature).digest('base64url'));
      expect(parsed.id).toBe(item.id);
    }
  });

  it('verify with arbundles, and with the SDK offline verifier', async () => {
    for (const item of items) {
      expect(await DataItem.verify(Buffer.from(item.raw))).toBe(true);
      expect(await verifyItemSignature(parseDataItem(item.raw))).toBe(true);
    }
  });

  it('no longer verify once a byte of their data changes', async () => {
    const forged = Buffer.from(items[0]!.raw);
    forged[forged.length - 2] = forged[forged.length - 2]! ^ 1;
    expect(await DataItem.verify(forged)).toBe(false);
    expect(await verifyItemSignature(parseDataItem(forged))).toBe(false);
  });

  it('carry the tags and data given, the tags encoded in as many bytes as avroTagBytes counts', () => {
    items.forEach((item, i) => {
      const parsed = parseDataItem(item.raw);
      expect(parsed.tags).toEqual(tags(i));
      expect(Buffer.from(parsed.data).toString()).toBe(`{"n":${i}}`);
      expect(parsed.rawTags.length).toBe(avroTagBytes(tags(i)));
      expect(avroTagBytes(tags(i))).toBe(serializeTags(tags(i)).length);
    });
    expect(avroTagBytes([])).toBe(0);
    const many = Array.from({ length: 70 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(i) })); // lengths from 64 on take two varint bytes
    expect(avroTagBytes(many)).toBe(serializeTags(many).length);
  });
});

describe('bundles assembled from signed items', () => {
  it('keep every item and id as signed, in order: arbundles reads and verifies the bundle', async () => {
    const bytes = assembleBundle(items);
    const bundle = new Bundle(Buffer.from(bytes));
    expect(bundle.getIds()).toEqual(items.map((item) => item.id));
    expect(await bundle.verify()).toBe(true);
    const entries = readBundle(bytes);
    expect(entries.map((e) => e.id)).toEqual(items.map((item) => item.id));
    entries.forEach((entry, i) => expect(Buffer.from(bytes.subarray(entry.offset, entry.offset + entry.size)).equals(Buffer.from(items[i]!.raw))).toBe(true));
  });

  it('are read back only when the index matches the items: ids, sizes and length', () => {
    const bytes = Buffer.from(assembleBundle(items));
    const wrongId = Buffer.from(bytes);
    wrongId[32 + 64 + 32] = wrongId[32 + 64 + 32]! ^ 1; // the second item's listed id
    expect(() => readBundle(wrongId)).toThrow(/item 1's id is not the hash of its signature/);
    expect(() => readBundle(Buffer.concat([bytes, Buffer.of(0)]))).toThrow(/1 bytes after the last item/);
    expect(() => readBundle(bytes.subarray(0, bytes.length - 1))).toThrow(/item 4 of \d+ bytes does not fit/);
    const huge = Buffer.from(bytes);
    huge[31] = 1;
    expect(() => readBundle(huge)).toThrow(/out of range/);
    expect(() => readBundle(Buffer.alloc(8))).toThrow(/shorter than its item count/);
    expect(readBundle(assembleBundle([]))).toEqual([]);
  });
});
