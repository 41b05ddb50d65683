import { intentDigest } from '../intent/intent-digest.ts';
import { isObject } from '../json/is-object.ts';
import { schemeByName } from '../schemes/registry.ts';
import { failure, guardedAsync, pass, type CheckResult } from './check-result.ts';
import type { IntentFacts } from './read-intent.ts';

/** The operator's signature over the receipt: digest of the JCS of the receipt without "signature". */
export function checkReceiptSignature(receipt: unknown): Promise<CheckResult> {
  return guardedAsync(async () => {
    if (!isObject(receipt) || !isObject(receipt['operator'])) return failure('the receipt is not an object with an operator');
    const { scheme: schemeName, publicKey: publicKeyText } = receipt['operator'];
    const scheme = typeof schemeName === 'string' ? schemeByName(schemeName) : undefined;
    if (scheme === undefined) return failure(`unknown operator.scheme ${JSON.stringify(schemeName)}`);
    const publicKey = typeof publicKeyText === 'string' ? scheme.decodePublicKey(publicKeyText) : undefined;
    const signatureText = receipt['signature'];
    const signature = typeof signatureText === 'string' ? scheme.decodeSignature(signatureText) : undefined;
    if (publicKey === undefined || signature === undefined) return failure(`operator key or signature is not ${scheme.name} as the wire spells it`);
    const { digest, recordId } = intentDigest(receipt);
    return (await scheme.verify(digest, signature, publicKey))
      ? pass(`operator ${scheme.name} signature verifies over the receipt digest ${recordId}`)
      : failure(`operator ${scheme.name} signature does not verify over the receipt digest ${recordId}`);
  });
}

/** The receipt names this intent: its record id, its creator's address and its targets. */
export function checkReceiptMatches(receipt: unknown, facts: IntentFacts): CheckResult {
  if (!isObject(receipt)) return failure('the receipt is not an object');
  const problems: string[] = [];
  if (receipt['recordId'] !== facts.recordId) {
    problems.push(`recordId ${JSON.stringify(receipt['recordId'])} is not the intent's ${facts.recordId}`);
  }
  const addresses = creatorAddresses(facts);
  if (typeof receipt['creator'] !== 'string' || !addresses.includes(receipt['creator'])) {
    problems.push(`creator ${JSON.stringify(receipt['creator'])} is not the signer's address (${addresses.join(' or ')})`);
  }
  const targets = receipt['targets'];
  const sorted = [...facts.targets].sort();
  if (!Array.isArray(targets) || JSON.stringify([...targets].sort()) !== JSON.stringify(sorted)) {
    problems.push(`targets ${JSON.stringify(targets)} are not the intent's ${JSON.stringify(sorted)}`);
  }
  return problems.length === 0 ? pass(`receipt names record ${facts.recordId} by ${String(receipt['creator'])}`) : failure(problems.join('; '));
}

/** The signer's address on every network; which one a node uses depends on its configuration. */
export function creatorAddresses(facts: IntentFacts): string[] {
  return [...new Set([facts.scheme.address(facts.publicKey, 'mainnet'), facts.scheme.address(facts.publicKey, 'test')])];
}
