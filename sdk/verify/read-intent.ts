import { intentDigest } from '../intent/intent-digest.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { isObject } from '../json/is-object.ts';
import { schemeByName } from '../schemes/registry.ts';
import type { VerifyingScheme } from '../schemes/scheme.ts';
import { failure, messageOf, pass, type CheckResult } from './check-result.ts';

/** What the anchor checks compare against: the intent's decoded signer, signature and digest. */
export interface IntentFacts {
  readonly recordId: string;
  readonly digest: Uint8Array;
  readonly scheme: VerifyingScheme;
  readonly publicKeyText: string;
  readonly publicKey: Uint8Array;
  readonly signatureText: string;
  readonly signature: Uint8Array;
  readonly targets: readonly string[];
  /** RFC 8785 text of the whole signed envelope, to compare copies of it regardless of spelling. */
  readonly canonical: string;
}

export interface ReadIntent {
  /** The creator signature check. */
  readonly signature: CheckResult;
  /** Present whenever the envelope could be decoded, even if its signature is bad. */
  readonly facts?: IntentFacts;
}

/** Decodes a signed envelope (text or parsed) and checks its creator signature. Never throws. */
export async function readIntent(intent: unknown): Promise<ReadIntent> {
  let value = intent;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return { signature: failure('the intent is not JSON') };
    }
  }
  if (!isObject(value) || !isObject(value['signer'])) {
    return { signature: failure('the intent is not an envelope object with a signer') };
  }
  const { scheme: schemeName, publicKey: publicKeyText } = value['signer'];
  const signatureText = value['signature'];
  const targets = value['targets'];
  const scheme = typeof schemeName === 'string' ? schemeByName(schemeName) : undefined;
  if (scheme === undefined) return { signature: failure(`unknown signer.scheme ${JSON.stringify(schemeName)}`) };
  const publicKey = typeof publicKeyText === 'string' ? scheme.decodePublicKey(publicKeyText) : undefined;
  if (publicKey === undefined) return { signature: failure(`signer.publicKey is not a ${scheme.name} public key`) };
  const signature = typeof signatureText === 'string' ? scheme.decodeSignature(signatureText) : undefined;
  if (signature === undefined) return { signature: failure(`signature is not a ${scheme.name} signature as an envelope spells it`) };
  if (!Array.isArray(targets) || !targets.every((t): t is string => typeof t === 'string')) {
    return { signature: failure('targets is not an array of chain names') };
  }
  let digest;
  let canonical;
  try {
    digest = intentDigest(value);
    canonical = canonicalJson(value);
  } catch (error) {
    return { signature: failure(messageOf(error)) };
  }
  const facts: IntentFacts = {
    ...digest,
    scheme,
    publicKeyText: publicKeyText as string,
    publicKey,
    signatureText: signatureText as string,
    signature,
    targets,
    canonical,
  };
  const ok = await scheme.verify(digest.digest, signature, publicKey);
  return {
    signature: ok
      ? pass(`${scheme.name} signature verifies over the digest ${digest.recordId}`)
      : failure(`${scheme.name} signature does not verify over the digest ${digest.recordId}`),
    facts,
  };
}
