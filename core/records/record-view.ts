export type PublicationStatus = 'queued' | 'submitted' | 'confirmed' | 'failed';

export interface PublicationView {
  chain: string;
  status: PublicationStatus;
  txid: string | null;
  batchId: string | null;
  locator: string | null;
  confirmations: number;
  blockHeight: number | null;
  blockHash: string | null;
  lastError: string | null;
  attempts: number;
  updatedAt: Date;
}

export interface RecordView {
  recordId: string;
  creator: string;
  scheme: string;
  publicKey: string;
  targets: string[];
  signedAt: Date;
  acceptedAt: Date;
  intentJson: string;
  /** The c2sp.org/tlog-proof@v1 receipt given at acceptance (wire-format.md §2). */
  receipt: string;
  publications: PublicationView[];
}
