import { hash256, outputsBytes, varintSize, writeVarint, type TxOutput, type TxParts } from './tx-format.ts';

/** SIGHASH_ALL | SIGHASH_FORKID: the signature commits to every input and output (BSV's only mode here). */
export const SIGHASH_ALL_FORKID = 0x41;

/**
 * The BIP143 (FORKID) signature preimage of every input, for SIGHASH_ALL|FORKID: version,
 * hashPrevouts, hashSequence, the outpoint, the spent script and value, the sequence,
 * hashOutputs, lock time and the sighash type. The three hashes are shared by all inputs, so they
 * are computed once: a batch's outputs are hashed once, not once per input.
 */
export function forkIdPreimages(tx: TxParts, spent: readonly TxOutput[]): Buffer[] {
  const prevouts = Buffer.alloc(36 * tx.inputs.length);
  const sequences = Buffer.alloc(4 * tx.inputs.length);
  tx.inputs.forEach((input, i) => {
    Buffer.from(input.prevTxid, 'hex').reverse().copy(prevouts, 36 * i);
    prevouts.writeUInt32LE(input.vout, 36 * i + 32);
    sequences.writeUInt32LE(input.sequence, 4 * i);
  });
  const hashPrevouts = hash256(prevouts);
  const hashSequence = hash256(sequences);
  const hashOutputs = hash256(outputsBytes(tx.outputs).subarray(varintSize(tx.outputs.length)));

  return tx.inputs.map((input, i) => {
    const { script, satoshis } = spent[i]!;
    const preimage = Buffer.alloc(4 + 32 + 32 + 36 + varintSize(script.length) + script.length + 8 + 4 + 32 + 4 + 4);
    let pos = preimage.writeUInt32LE(tx.version, 0);
    pos += hashPrevouts.copy(preimage, pos);
    pos += hashSequence.copy(preimage, pos);
    pos += prevouts.copy(preimage, pos, 36 * i, 36 * i + 36);
    pos = writeVarint(preimage, pos, script.length);
    pos += script.copy(preimage, pos);
    pos = preimage.writeBigUInt64LE(satoshis, pos);
    pos = preimage.writeUInt32LE(input.sequence, pos);
    pos += hashOutputs.copy(preimage, pos);
    pos = preimage.writeUInt32LE(tx.lockTime, pos);
    preimage.writeUInt32LE(SIGHASH_ALL_FORKID, pos);
    return preimage;
  });
}
