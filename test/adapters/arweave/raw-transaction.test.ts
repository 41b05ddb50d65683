import { describe, expect, it } from 'vitest';
import { decodeRaw, encodeRaw, type TransactionHeader } from '../../../adapters/arweave/raw-transaction.ts';

const header: TransactionHeader = {
  format: 2,
  id: 'i'.repeat(43),
  last_tx: 'a'.repeat(64),
  owner: 'o'.repeat(683),
  tags: [{ name: 'QnVuZGxlLUZvcm1hdA', value: 'YmluYXJ5' }],
  target: '',
  quantity: '0',
  data: '',
  data_size: '5',
  data_root: 'r'.repeat(43),
  reward: '1000',
  signature: 's'.repeat(683),
};
const data = Buffer.from('hello');

describe('the raw form written ahead', () => {
  it('gives back the header (and its exact JSON text) and the data', () => {
    const raw = encodeRaw(header, data);
    expect(Buffer.from(raw.subarray(0, 4)).toString()).toBe('arw2');
    const stored = decodeRaw(raw);
    expect(stored.header).toEqual(header);
    expect(stored.headerText).toBe(JSON.stringify(header));
    expect(Buffer.from(stored.data).equals(data)).toBe(true);
    expect(raw.length).toBe(8 + JSON.stringify(header).length + data.length);
  });

  it('refuses bytes it did not write, saying why', () => {
    const raw = Buffer.from(encodeRaw(header, data));
    expect(() => decodeRaw(Buffer.from('0100000001', 'hex'))).toThrow(/^arweave: these raw bytes are not a transaction this adapter wrote: it does not start with "arw2"/);
    expect(() => decodeRaw(raw.subarray(0, 40))).toThrow(/its header runs past its end/);
    expect(() => decodeRaw(Buffer.concat([raw, Buffer.of(1)]))).toThrow(/6 bytes of data where the header says 5/);
    expect(() => decodeRaw(encodeRaw({ ...header, format: 1 as 2 }, data))).toThrow(/not a signed format-2 transaction/);
    expect(() => decodeRaw(encodeRaw({ ...header, tags: [{ name: 1 }] as never }, data))).toThrow(/not a signed format-2 transaction/);
    const broken = Buffer.from(raw);
    broken[8] = 0x78; // the JSON's opening brace
    expect(() => decodeRaw(broken)).toThrow(/its header is not JSON/);
  });
});
