import { DataItem, createData, type Signer } from 'arbundles';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemDeepHash, itemHashPrefix } from '../../../adapters/arweave/item-deep-hash.ts';
import { operatorWallet, type OperatorWallet } from '../../../adapters/arweave/operator-wallet.ts';
import type { Tag } from '../../../adapters/arweave/record-tags.ts';
import { ed25519ItemSigner, signDataItem, walletItemSigner } from '../../../adapters/arweave/sign-data-item.ts';
import { deepHash } from '../../../sdk/verify/arweave/deep-hash.ts';
import { parseDataItem } from '../../../sdk/verify/arweave/parse-data-item.ts';
import { itemKeyOf, testLogSigner } from '../../support/log-signer.ts';
import { newWallet } from './support.ts';

// Items are laid out and deep-hashed by the adapter itself (item-bytes.ts, item-deep-hash.ts):
// these cases pin them to arbundles' createData and deep hash, byte for byte.
const cases: { label: string; data: string; tags: Tag[] }[] = [
  { label: 'no tags, empty data', data: '', tags: [] },
  { label: 'a record-like item', data: JSON.stringify({ type: 'post', body: 'Hello, chains ✓' }), tags: [{ name: 'App-Name', value: 'chain-publisher' }, { name: 'Record-Id', value: 'r'.repeat(64) }] },
  { label: 'non-ASCII tags and data', data: 'grüße ✓ 𝄞 '.repeat(40), tags: [{ name: 'Note', value: 'grüße ✓ 𝄞' }, { name: 'ünïcode-ñame', value: '𝄞'.repeat(30) }] },
  // Names and values of 64 bytes and more take two varint bytes; 70 tags, a count over 63.
  { label: '70 tags of growing length', data: 'x'.repeat(10_000), tags: Array.from({ length: 70 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(i + 1) })) },
  { label: 'one long value', data: '{}', tags: [{ name: 'CreatorPubKey', value: 'k'.repeat(3000) }] },
];

let wallet: OperatorWallet;
beforeAll(async () => {
  wallet = operatorWallet(await newWallet());
});

/** The signer, recording every message it is asked to sign. */
function recording(signer: Signer): { signer: Signer; messages: Uint8Array[] } {
  const messages: Uint8Array[] = [];
  return { messages, signer: { ...signer, sign: (message: Uint8Array) => (messages.push(Buffer.from(message)), signer.sign(message)) } as Signer };
}

describe('items laid out and hashed without arbundles', () => {
  it.each(cases)('Ed25519 ($label): the same bytes as arbundles createData and sign (Ed25519 is deterministic)', async ({ data, tags }) => {
    const signer = ed25519ItemSigner(itemKeyOf(testLogSigner()));
    const ours = await signDataItem(signer, data, tags);
    const theirs = createData(data, signer, { tags });
    await theirs.sign(signer);
    expect(Buffer.from(ours.raw).equals(theirs.getRaw())).toBe(true);
    expect(ours.id).toBe(theirs.id);
    expect(await DataItem.verify(Buffer.from(ours.raw))).toBe(true);
  });

  it.each(cases)('RSA ($label): the wallet signs what arbundles and the SDK compute as the deep hash, and the item verifies', async ({ data, tags }) => {
    const { signer, messages } = recording(walletItemSigner(wallet));
    const ours = await signDataItem(signer, data, tags);
    const item = new DataItem(Buffer.from(ours.raw));
    expect(messages).toHaveLength(1);
    expect(Buffer.from(messages[0]!).equals(Buffer.from(await item.getSignatureData()))).toBe(true);
    const parsed = parseDataItem(ours.raw);
    expect(parsed.tags).toEqual(tags);
    expect(Buffer.from(parsed.data).toString('utf8')).toBe(data);
    const sdk = deepHash([Buffer.from('dataitem'), Buffer.from('1'), Buffer.from('1'), parsed.owner, new Uint8Array(0), new Uint8Array(0), parsed.rawTags, parsed.data]);
    expect(Buffer.from(sdk).equals(itemDeepHash(itemHashPrefix(1, wallet.ownerBytes), parsed.rawTags, parsed.data))).toBe(true);
    expect(await DataItem.verify(Buffer.from(ours.raw))).toBe(true);
  });

  it('refuses a signer whose signature or owner is not of its declared size', async () => {
    const signer = ed25519ItemSigner(itemKeyOf(testLogSigner()));
    await expect(signDataItem({ ...signer, sign: () => new Uint8Array(63) } as Signer, '{}', [])).rejects.toThrow(/a signature of type 2 is 64 bytes, the signer gave 63/);
    await expect(signDataItem({ ...signer, publicKey: Buffer.alloc(31) } as Signer, '{}', [])).rejects.toThrow(/a 32-byte owner, got 31/);
  });
});
