import { createHash } from 'node:crypto';
import { access, appendFile, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { BatchRecord, BroadcastOutcome, ChainAdapter, RejectReason } from 'chain-publisher/adapter';
import { parseLine, parseTransaction, type LogLine, type LogTransaction } from './log-line.ts';
import { FilelogError } from './filelog-error.ts';

export interface FilelogOptions {
  /** The folder of the log; it holds chain.log. */
  readonly directory: string;
  readonly network: string;
  readonly maxRecordBytes: number;
  readonly maxRecordsPerTransaction: number;
}

const GENESIS = '0'.repeat(64);

/**
 * An append-only local log as a chain: a transaction is one line, final once written (instant
 * finality: one confirmation, more as lines follow). Free: nothing to fund, costs counted in bytes.
 */
export function createFilelogAdapter(options: FilelogOptions): ChainAdapter {
  const file = join(options.directory, 'chain.log');
  // Appends in this process one at a time, so heights and the chain of hashes stay whole.
  let appending: Promise<unknown> = Promise.resolve();

  const lines = async (): Promise<string[]> => {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text.split('\n').filter((line) => line !== '');
  };
  const health = async () => {
    try {
      if (!(await stat(options.directory)).isDirectory()) return { ok: false, detail: `${options.directory} is not a folder` };
      await access(options.directory, constants.W_OK);
      return { ok: true, detail: `appending to ${file}` };
    } catch (error) {
      return { ok: false, detail: `cannot write to ${options.directory}: ${(error as Error).message}` };
    }
  };
  const append = async (txid: string, raw: Uint8Array): Promise<BroadcastOutcome> => {
    const existing = await lines();
    if (existing.some((text) => parseLine(text)?.txid === txid)) return { kind: 'already_known' };
    const last = existing.at(-1);
    const line: LogLine = { height: existing.length + 1, prev: last === undefined ? GENESIS : sha256Hex(last), txid, raw: Buffer.from(raw).toString('base64') };
    await appendFile(file, `${JSON.stringify(line)}\n`);
    return { kind: 'accepted' };
  };

  return {
    name: 'filelog',
    network: options.network,
    operatorAddress: file,
    capabilities: { maxRecordsPerTransaction: options.maxRecordsPerTransaction, maxRecordBytes: options.maxRecordBytes, confirmationDepth: 1 },
    funding: { model: 'none' },
    async estimate(batch) {
      return { amount: BigInt(transactionBytes(batch).length), unit: 'byte' };
    },
    async build(batch) {
      const tooLarge = batch.filter((record) => Buffer.byteLength(record.intentJson) > options.maxRecordBytes);
      if (tooLarge.length > 0) {
        const ids = tooLarge.map((record) => record.recordId);
        throw new FilelogError('too_large', `${ids.length} record(s) over the log's ${options.maxRecordBytes} bytes per record: ${ids.join(', ')}`, ids);
      }
      const raw = transactionBytes(batch);
      return { txid: sha256Hex(raw), raw, fee: 0n, locators: batch.map((_, i) => String(i)), change: [] };
    },
    async broadcast({ txid, raw }) {
      const rejected = (reason: RejectReason, detail: string): BroadcastOutcome => ({ kind: 'rejected', reason, detail });
      if (sha256Hex(raw) !== txid) return rejected('invalid', `the bytes do not hash to ${txid}`);
      if (parseTransaction(raw) === undefined) return rejected('invalid', 'the bytes are not a filelog transaction');
      const state = await health();
      if (!state.ok) return rejected('unavailable', state.detail);
      const run = appending.then(() => append(txid, raw));
      appending = run.catch(() => undefined);
      return run.catch((error: Error) => rejected('unavailable', `cannot append to ${file}: ${error.message}`));
    },
    async status(txid) {
      const all = await lines();
      const at = all.findIndex((text) => parseLine(text)?.txid === txid);
      if (at === -1) return { kind: 'unknown' };
      const text = all[at]!;
      return { kind: 'mined', blockHeight: at + 1, blockHash: sha256Hex(text), confirmations: all.length - at, proof: { line: text } };
    },
    anchor(input) {
      return {
        chain: 'filelog',
        network: options.network,
        txid: input.txid,
        locator: input.locator,
        raw: Buffer.from(input.raw).toString('base64'),
        line: input.proof['line'] ?? '',
        blockHeight: input.blockHeight,
        blockHash: input.blockHash,
        confirmations: input.confirmations,
      };
    },
    health,
  };
}

function transactionBytes(batch: readonly BatchRecord[]): Uint8Array {
  const transaction: LogTransaction = {
    records: batch.map((record) => ({ recordId: record.recordId, publicKey: record.publicKeyText, signature: record.signatureText, intent: record.intentJson })),
  };
  return Buffer.from(JSON.stringify(transaction));
}

function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
