export { receiptPosition, tlogReceipt } from './tlog-receipt.ts';
