import { describe, expect, it } from 'vitest';
import { appVersion } from '../../../adapters/arweave/app-version.ts';
import { recordTags, type Tag } from '../../../adapters/arweave/record-tags.ts';
import { avroTagBytes, itemTagLimits, l1TagLimitBytes, tagLimitProblem } from '../../../adapters/arweave/tag-limits.ts';
import { arweaveRsaPssScheme } from '../../../core/schemes/index.ts';
import pkg from '../../../package.json' with { type: 'json' };
import { batchRecords } from '../../conformance/batch-records.ts';

const tag = (name: string, value: string): Tag => ({ name, value });
const operator = 'o'.repeat(43);
const l1Bytes = (tags: Tag[]) => tags.reduce((sum, t) => sum + Buffer.byteLength(t.name) + Buffer.byteLength(t.value), 0);

describe('ANS-104 tag limits (data items)', () => {
  it('allows 128 tags and refuses 129', () => {
    const tags = Array.from({ length: 128 }, (_, i) => tag(`t${i}`, 'v'));
    expect(tagLimitProblem(tags, 'item')).toBeUndefined();
    expect(tagLimitProblem([...tags, tag('one', 'more')], 'item')).toMatch(/129 tags, over ANS-104's 128/);
  });

  it('allows names of 1024 bytes and values of 3072, not one byte more (UTF-8 bytes, not characters)', () => {
    expect(tagLimitProblem([tag('n'.repeat(1024), 'v')], 'item')).toBeUndefined();
    expect(tagLimitProblem([tag('n'.repeat(1025), 'v')], 'item')).toMatch(/1025 bytes, over ANS-104's 1024/);
    expect(tagLimitProblem([tag('n', 'v'.repeat(3072))], 'item')).toBeUndefined();
    expect(tagLimitProblem([tag('n', 'v'.repeat(3073))], 'item')).toMatch(/3073 bytes, over ANS-104's 3072/);
    expect(tagLimitProblem([tag('n', 'é'.repeat(1537))], 'item')).toMatch(/3074 bytes/);
  });

  it('allows 4096 bytes of encoded tags in total and refuses 4097', () => {
    // Per tag: name length (1) + name (1) + value length (2) + value; plus the count and the end byte.
    const exact = [tag('a', 'x'.repeat(2043)), tag('b', 'y'.repeat(2043))];
    expect(avroTagBytes(exact)).toBe(itemTagLimits.maxTotalBytes);
    expect(tagLimitProblem(exact, 'item')).toBeUndefined();
    const over = [tag('a', 'x'.repeat(2044)), tag('b', 'y'.repeat(2043))];
    expect(tagLimitProblem(over, 'item')).toMatch(/4097 bytes encoded, over ANS-104's 4096/);
  });

  it('refuses empty names and values, which ANS-104 forbids', () => {
    expect(tagLimitProblem([tag('', 'v')], 'item')).toMatch(/empty name or value/);
    expect(tagLimitProblem([tag('n', '')], 'item')).toMatch(/empty name or value/);
  });
});

describe('layer-1 tag limit', () => {
  it('allows 2048 bytes of names and values together and refuses 2049', () => {
    expect(tagLimitProblem([tag('n', 'v'.repeat(2047))], 'l1')).toBeUndefined();
    expect(tagLimitProblem([tag('n', 'v'.repeat(2048))], 'l1')).toMatch(/2049 bytes, over the 2048/);
    expect(l1TagLimitBytes).toBe(2048);
  });
});

describe('a record’s tags (wire-format §4)', () => {
  it('are exactly the nine tags, in order, with the project version', () => {
    const [record] = batchRecords(1, ['arweave']);
    expect(appVersion).toBe(pkg.version);
    expect(recordTags(record!, operator, 'item')).toEqual([
      tag('App-Name', 'chain-publisher'),
      tag('App-Version', pkg.version),
      tag('Content-Type', 'application/json'),
      tag('Record-Id', record!.recordId),
      tag('Creator', record!.creator),
      tag('CreatorPubKey', record!.publicKeyText),
      tag('CreatorSig', record!.signatureText),
      tag('SigningMethod', 'secp256k1'),
      tag('NodeOperator', operator),
    ]);
    expect(recordTags(record!, operator, 'l1')).toEqual(recordTags(record!, operator, 'item'));
  });

  it('leave an RSA creator’s CreatorPubKey out on layer 1 only, and then fit its limit', () => {
    const [rsa] = batchRecords(1, ['arweave'], arweaveRsaPssScheme);
    const item = recordTags(rsa!, operator, 'item');
    const l1 = recordTags(rsa!, operator, 'l1');
    expect(item.map((t) => t.name)).toContain('CreatorPubKey');
    expect(l1).toEqual(item.filter((t) => t.name !== 'CreatorPubKey'));
    expect(tagLimitProblem(item, 'item')).toBeUndefined();
    expect(tagLimitProblem(l1, 'l1')).toBeUndefined();
    // What the omission saves: the 683-character modulus and its name. (The full set, 1662
    // bytes, would also fit 2048; wire-format §4 leaves the key out regardless.)
    expect(l1Bytes(item) - l1Bytes(l1)).toBe('CreatorPubKey'.length + 683);
    expect(l1Bytes(l1)).toBeLessThan(1000);
  });
});
