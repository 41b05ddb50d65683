import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { PublicationSchema, PublicationStatus } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { publicationLine } from '../../server/cli/record-view.ts';

const txid = 'ab'.repeat(32);

describe('a publication line (status, publish --wait, watch)', () => {
  it('says which output of a BSV transaction holds the record, instead of a bare "at 1"', () => {
    const line = publicationLine(create(PublicationSchema, { chain: 'bsv', status: PublicationStatus.CONFIRMED, txid, locator: '1', blockHeight: 812n, confirmations: 1 }));
    expect(line).toBe(`bsv       CONFIRMED  txid ${txid}, output 1  block 812, 1 confirmation`);
  });

  it('names an Arweave data item as the item in the bundle', () => {
    const line = publicationLine(create(PublicationSchema, { chain: 'arweave', status: PublicationStatus.SUBMITTED, txid, locator: 'zQMaRpCJZQFe2B624Nxu2hndSO1hrhYj-kYrfSzXLyE' }));
    expect(line).toBe(`arweave   SUBMITTED  txid ${txid}, item zQMaRpCJZQFe2B624Nxu2hndSO1hrhYj-kYrfSzXLyE`);
  });

  it('adds nothing when the locator is the transaction itself or not known', () => {
    expect(publicationLine(create(PublicationSchema, { chain: 'arweave', status: PublicationStatus.SUBMITTED, txid, locator: txid }))).toBe(`arweave   SUBMITTED  txid ${txid}`);
    expect(publicationLine(create(PublicationSchema, { chain: 'bsv', status: PublicationStatus.QUEUED }))).toBe('bsv       QUEUED');
  });
});
