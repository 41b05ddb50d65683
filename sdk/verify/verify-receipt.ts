import type { SignedIntent } from '../intent/intent-envelope.ts';
import { checkReceiptMatches, checkReceiptSignature } from './check-receipt.ts';
import type { Receipt } from './proof-bundle.ts';
import { readIntent } from './read-intent.ts';

/**
 * True when an operator receipt (parsed or JSON text) verifies under the operator key it names,
 * and, given the intent it answers, names that intent's record id, creator and targets.
 * Offline; whether the operator key is the node's is for the caller to compare with GetInfo.
 */
export async function verifyReceipt(receipt: Receipt | string, intent?: SignedIntent | string): Promise<boolean> {
  const value = parse(receipt);
  if (value === undefined || !(await checkReceiptSignature(value)).ok) return false;
  if (intent === undefined) return true;
  const { facts } = await readIntent(intent);
  return facts !== undefined && checkReceiptMatches(value, facts).ok;
}

function parse(receipt: Receipt | string): unknown {
  if (typeof receipt !== 'string') return receipt;
  try {
    return JSON.parse(receipt);
  } catch {
    return undefined;
  }
}
