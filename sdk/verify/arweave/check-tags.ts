import { sha256 } from '@noble/hashes/sha2.js';
import { encodeBase64Url } from '../../encoding/base64url.ts';
import { creatorAddresses } from '../check-receipt.ts';
import { failure, pass, type CheckResult } from '../check-result.ts';
import type { IntentFacts } from '../read-intent.ts';
import type { Tag } from './avro-tags.ts';

/**
 * The §4 tags of an item or a layer-1 transaction, each exactly once: they name this record, its
 * creator (the receipt's, in one of the key's address forms), its key, signature and scheme, and
 * the operator's wallet (`owner`: the key that signed the item or transaction, or for an item
 * signed with the Ed25519 key, the bundle's signer; a string says why there is none).
 * `optional` names tags that may be left out (an RSA creator's CreatorPubKey in layer-1 mode,
 * where it is in the data).
 */
export function checkTags(tags: readonly Tag[], owner: Uint8Array | string, facts: IntentFacts | undefined, receiptCreator: unknown, optional: readonly string[] = []): CheckResult {
  if (facts === undefined) return failure('the intent could not be decoded, so the tags it needs are unknown');
  const operator = typeof owner === 'string' ? undefined : encodeBase64Url(sha256(owner));
  const creators = creatorAddresses(facts);
  const expected: Record<string, TagRule> = {
    'App-Name': (v) => v === 'chain-publisher',
    'App-Version': (v) => v.length > 0,
    'Content-Type': (v) => v === 'application/json',
    'Record-Id': (v) => v === facts.recordId,
    Creator: (v) => creators.includes(v) && v === receiptCreator,
    CreatorPubKey: (v) => v === facts.publicKeyText,
    CreatorSig: (v) => v === facts.signatureText,
    SigningMethod: (v) => v === facts.scheme.name,
    // Gateways give an owner the address base64url(SHA-256(owner)), whatever its key type.
    NodeOperator: (v) => (typeof owner === 'string' ? `NodeOperator ${JSON.stringify(v)} cannot be checked: ${owner}` : v === operator),
  };
  const problems = tagProblems(tags, expected, optional);
  return problems.length === 0 ? pass(`the §4 tags name record ${facts.recordId} and operator ${String(operator)}`) : failure(problems.join('; '));
}

/** Whether a tag's value is right; a string is a problem of its own to report. */
export type TagRule = (value: string) => boolean | string;

/**
 * What is wrong with `tags` against `expected`: each expected tag appears exactly once (or not at
 * all, when `optional` names it) with a value its rule accepts. Other tags are not looked at.
 */
export function tagProblems(tags: readonly Tag[], expected: Readonly<Record<string, TagRule>>, optional: readonly string[] = []): string[] {
  const problems: string[] = [];
  for (const [name, accepts] of Object.entries(expected)) {
    const values = tags.filter((tag) => tag.name === name).map((tag) => tag.value);
    if (values.length === 0 && optional.includes(name)) continue;
    if (values.length !== 1) problems.push(`${name} appears ${values.length} times`);
    else {
      const verdict = accepts(values[0] ?? '');
      if (typeof verdict === 'string') problems.push(verdict);
      else if (!verdict) problems.push(`${name} has the wrong value ${JSON.stringify(values[0])}`);
    }
  }
  return problems;
}
