export { signReceipt, signedReceiptJson, receiptJson, verifyReceipt, type Receipt, type ReceiptFields } from './receipt.ts';
export { receiptKeyFromHex, generateReceiptKeyHex, type ReceiptKey } from './receipt-key.ts';
