import { isPublisherError } from '../errors/index.ts';
import { badSignature } from '../intent/index.ts';
import type { IntakeContext } from './intake-context.ts';
import { keyNotRegistered } from './intake-errors.ts';
import type { IntakeIntent, Prepared, SignatureCheck } from './prepare-intents.ts';
import { registeredSigners, type Signer } from './registered-signers.ts';

/**
 * `compute.prepare` for a node whose registry is closed, cheap checks first: parse every
 * envelope, refuse those whose signer the registry does not hold as KEY_NOT_REGISTERED, and only
 * then verify the signatures of the rest. A stranger's envelope costs a parse and a share of one
 * indexed query, never a signature verification. Revoked keys are verified like active ones, so
 * that their refusal (KEY_REVOKED, in commitIntents) is audited with a proven author.
 */
export async function prepareRegistered(ctx: IntakeContext, texts: readonly string[]): Promise<Prepared[]> {
  const parsed = await ctx.compute.parse(texts, ctx.limits, ctx.network);
  const signers = new Map<string, Signer>();
  for (const p of parsed) if (p.ok) signers.set(`${p.intent.schemeName}:${p.intent.publicKeyText}`, { scheme: p.intent.schemeName, publicKey: p.intent.publicKeyText });
  let known: Set<string>;
  try {
    known = signers.size > 0 ? await registeredSigners(ctx.pool, signers) : new Set();
  } catch (error) {
    if (!isPublisherError(error)) throw error;
    return parsed.map((p) => (p.ok ? { ok: false, error } : p));
  }
  const results: Prepared[] = new Array(parsed.length);
  const toVerify: { index: number; intent: IntakeIntent; check: SignatureCheck }[] = [];
  parsed.forEach((p, index) => {
    if (!p.ok) results[index] = p;
    else if (known.has(`${p.intent.schemeName}:${p.intent.publicKeyText}`)) toVerify.push({ index, intent: p.intent, check: p.check });
    else results[index] = { ok: false, error: keyNotRegistered(p.intent.schemeName, p.intent.publicKeyText) };
  });
  const verified = toVerify.length > 0 ? await ctx.compute.verify(toVerify.map((v) => v.check)) : [];
  toVerify.forEach(({ index, intent }, k) => {
    results[index] = verified[k] ? { ok: true, intent } : { ok: false, error: badSignature(intent.schemeName, intent.recordId) };
  });
  return results;
}
