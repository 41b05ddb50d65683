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

/**
 * `receiptJson(signReceipt(fields, key))`, assembled directly: keys in RFC 8785 order (acceptedAt,
 * auditSeq, creator, operator {publicKey, scheme}, recordId, signature, targets), strings escaped
 * by `JSON.stringify` as the `canonicalize` library does. Intake signs one receipt per accepted
 * intent while the audit chain is locked; the generic path canonicalised each receipt twice
 * (~15 µs). test/unit/fast-canonical-forms.test.ts checks that both produce the same bytes.
 */
export function signedReceiptJson(fields: ReceiptFields, key: ReceiptKey): string {
  if (!Number.isSafeInteger(fields.auditSeq)) throw new TypeError(`signedReceiptJson: auditSeq must be a safe integer, got ${fields.auditSeq}`);
  const strings = [fields.acceptedAt, fields.creator, fields.recordId, key.scheme, key.publicKeyText, ...fields.targets];
  if (!strings.every((s) => typeof s === 'string' && s.isWellFormed())) throw new TypeError('signedReceiptJson: every field must be a well-formed string');
  const head =
    `{"acceptedAt":${JSON.stringify(fields.acceptedAt)},"auditSeq":${fields.auditSeq},"creator":${JSON.stringify(fields.creator)},` +
    `"operator":{"publicKey":${JSON.stringify(key.publicKeyText)},"scheme":${JSON.stringify(key.scheme)}},"recordId":${JSON.stringify(fields.recordId)}`;
  const targets = `"targets":[${fields.targets.map((t) => JSON.stringify(t)).join(',')}]}`;
  const scheme = schemes.get(key.scheme)!;
  const signature = scheme.encodeSignature(scheme.sign(sha256(`${head},${targets}`), key.privateKey));
  return `${head},"signature":${JSON.stringify(signature)},${targets}`;
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
