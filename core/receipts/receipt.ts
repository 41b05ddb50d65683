import { canonicalJson, sha256, type JsonObject } from '../canonical/index.ts';
import { schemes } from '../schemes/index.ts';
import type { ReceiptKey } from './receipt-key.ts';

/** The operator's signed promise to publish (wire-format.md §2). */
export interface Receipt {
  recordId: string;
  creator: string;
  targets: string[];
  acceptedAt: string;
  auditSeq: number;
  operator: { scheme: string; publicKey: string };
  signature: string;
}

export type ReceiptFields = Omit<Receipt, 'operator' | 'signature'>;

/** Signs like an intent: the digest of the JCS of the receipt without "signature". */
export function signReceipt(fields: ReceiptFields, key: ReceiptKey): Receipt {
  const unsigned = { ...fields, operator: { scheme: key.scheme, publicKey: key.publicKeyText } };
  const digest = sha256(canonicalJson(unsigned as unknown as JsonObject));
  const scheme = schemes.get(key.scheme)!;
  return { ...unsigned, signature: scheme.encodeSignature(scheme.sign(digest, key.privateKey)) };
}

/** The receipt as JSON text (canonical, so the same receipt always has the same bytes). */
export function receiptJson(receipt: Receipt): string {
  return canonicalJson(receipt as unknown as JsonObject);
}

/** True when the receipt's signature verifies under the operator key it names. Never throws. */
export function verifyReceipt(receipt: Receipt): boolean {
  try {
    const scheme = schemes.get(receipt.operator.scheme);
    if (!scheme) return false;
    const { signature, ...unsigned } = receipt;
    const digest = sha256(canonicalJson(unsigned as unknown as JsonObject));
    return scheme.verify(digest, scheme.decodeSignature(signature), scheme.decodePublicKey(receipt.operator.publicKey));
  } catch {
    return false;
  }
}
