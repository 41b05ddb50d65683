import { ByteReader } from '../../encoding/byte-reader.ts';

export interface TransactionOutput {
  readonly satoshis: number;
  readonly script: Uint8Array;
}

export interface BsvTransaction {
  readonly version: number;
  readonly inputCount: number;
  readonly outputs: readonly TransactionOutput[];
  readonly lockTime: number;
}

/**
 * A BSV transaction in its wire serialisation: version, inputs (outpoint, script, sequence),
 * outputs (satoshis, script), lock time. Every byte must belong to it. Only what a proof needs is
 * kept; inputs are read to find the outputs, not checked (their signatures are the miners' job).
 */
export function parseTransaction(raw: Uint8Array): BsvTransaction {
  const reader = new ByteReader(raw, 'transaction');
  const version = reader.uintLE(4, 'version');
  const inputCount = reader.varInt('input count');
  for (let i = 0; i < inputCount; i++) {
    reader.read(36, `input ${i} outpoint`);
    reader.read(reader.varInt(`input ${i} script length`), `input ${i} script`);
    reader.read(4, `input ${i} sequence`);
  }
  const outputCount = reader.varInt('output count');
  const outputs: TransactionOutput[] = [];
  for (let i = 0; i < outputCount; i++) {
    const satoshis = reader.uintLE(8, `output ${i} satoshis`);
    const script = reader.read(reader.varInt(`output ${i} script length`), `output ${i} script`);
    outputs.push({ satoshis, script });
  }
  const lockTime = reader.uintLE(4, 'lock time');
  reader.end();
  return { version, inputCount, outputs, lockTime };
}
