import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { PublicationStatus, type Publication, type PublisherRecord } from '../../sdk/index.ts';

/** A publication as --json prints it: status by name, absent values as null. */
export interface PublicationView {
  readonly chain: string;
  readonly status: string;
  readonly txid: string | null;
  /** Where in the transaction, in the chain's own form (an output index, a data item id). */
  readonly locator: string | null;
  readonly confirmations: number;
  readonly blockHeight: number | null;
  readonly blockHash: string | null;
  readonly lastError: string | null;
  readonly attempts: number;
  readonly updatedAt: string | null;
}

export interface RecordView {
  readonly recordId: string;
  readonly creator: string;
  readonly signer: { readonly scheme: string; readonly publicKey: string };
  readonly targets: readonly string[];
  readonly signedAt: string | null;
  readonly acceptedAt: string | null;
  readonly publications: readonly PublicationView[];
}

export const statusName = (status: PublicationStatus): string => PublicationStatus[status] ?? 'UNSPECIFIED';

export const isFinal = (record: PublisherRecord): boolean =>
  record.publications.every((p) => p.status === PublicationStatus.CONFIRMED || p.status === PublicationStatus.FAILED);

export function recordView(record: PublisherRecord): RecordView {
  return {
    recordId: record.recordId,
    creator: record.creator,
    signer: { scheme: record.signer?.scheme ?? '', publicKey: record.signer?.publicKey ?? '' },
    targets: record.targets,
    signedAt: isoTime(record.signedAt),
    acceptedAt: isoTime(record.acceptedAt),
    publications: record.publications.map(publicationView),
  };
}

export function publicationView(p: Publication): PublicationView {
  return {
    chain: p.chain,
    status: statusName(p.status),
    txid: p.txid || null,
    locator: p.locator || null,
    confirmations: p.confirmations,
    blockHeight: p.blockHeight > 0n ? Number(p.blockHeight) : null,
    blockHash: p.blockHash || null,
    lastError: p.lastError || null,
    attempts: p.attempts,
    updatedAt: isoTime(p.updatedAt),
  };
}

/** One line per publication: `<chain>  CONFIRMED  txid …, output 1  block 812, 1 confirmation`. */
export function publicationLine(p: Publication): string {
  const parts = [p.chain.padEnd(8), statusName(p.status).padEnd(9)];
  if (p.txid) parts.push(`txid ${p.txid}${locatorText(p)}`);
  if (p.blockHeight > 0n) parts.push(`block ${p.blockHeight}, ${p.confirmations} confirmation${p.confirmations === 1 ? '' : 's'}`);
  if (p.lastError) parts.push(`last error: ${p.lastError}`);
  return parts.join('  ').trimEnd();
}

/** Where in the transaction the record is: an output index, or a data item id in a bundle. */
function locatorText(p: Publication): string {
  if (!p.locator || p.locator === p.txid) return '';
  return /^\d+$/.test(p.locator) ? `, output ${p.locator}` : `, item ${p.locator}`;
}

function isoTime(timestamp: Timestamp | undefined): string | null {
  return timestamp === undefined ? null : timestampDate(timestamp).toISOString();
}
