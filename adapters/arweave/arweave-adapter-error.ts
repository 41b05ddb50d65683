import { AdapterError } from '../../core/adapter/index.ts';

/**
 * Why the adapter threw (broadcast and status never throw for a chain's verdict: they answer with
 * a closed RejectReason, see verdict-table.ts):
 * - `options`:   the factory's options are unusable
 * - `batch`:     a batch the contract does not allow (empty, too many records, a UTXO grant)
 * - `too_large`: records that no Arweave item or transaction can ever carry (tag limits);
 *                `recordIds` names every one of them, so the caller can fail exactly those
 * - `gateway`:   the gateway did not answer a question build/estimate/balance needed answered
 * - `raw`:       stored raw bytes that are not a transaction this adapter wrote
 */
export type ArweaveErrorReason = 'options' | 'batch' | 'too_large' | 'gateway' | 'raw';

/** The one error class of the Arweave adapter; messages start with "arweave: ". */
export class ArweaveAdapterError extends AdapterError {
  override readonly name = 'ArweaveAdapterError';
  declare readonly reason: ArweaveErrorReason;

  constructor(reason: ArweaveErrorReason, message: string, options: { cause?: unknown; recordIds?: readonly string[] } = {}) {
    super(reason, `arweave: ${message}`, options);
  }
}
