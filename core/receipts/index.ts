export { tlogReceipt } from './tlog-receipt.ts';
