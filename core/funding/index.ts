export { addToPool, inputsOf, markReserved, markSpent, poolBalance, releaseChange, reserveUtxos, settleDeadTransaction, type PoolBalance } from './utxo-pool.ts';
export { canReserve, closeReservation, recordReservation, reservedAmount } from './account-ledger.ts';
export { importUtxos, type ImportResult } from './import-utxos.ts';
export { utxoTotals, type UtxoStanding, type UtxoTotal } from './utxo-totals.ts';
