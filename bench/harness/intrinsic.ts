import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import secp256k1 from 'secp256k1';
import { newCreators, signMany } from '../lib/intents.ts';

/** I: the intrinsic CPU of one intent on one thread with the fastest tools (issue 22), measured in this run. */
export interface Intrinsic {
  /** Median over the rounds of the process's CPU time per intent, µs: the I the targets are stated in. */
  us: number;
  /** The fastest round's CPU per intent and the median wall time per intent, µs (for reading the median against). */
  minUs: number;
  wallUs: number;
  /** Median µs per intent of each step alone (one loop per step; the sum differs a little from `us`). */
  steps: { parse: number; canonicalize: number; sha256: number; verify: number };
  intents: number;
  rounds: number;
}

export const INTRINSIC_INTENTS = 2_000;
export const INTRINSIC_ROUNDS = 15;

interface Envelope {
  signature: string;
  signer: { publicKey: string };
  [key: string]: unknown;
}

/** CPU µs (process.cpuUsage: user + system) and wall µs of one call of `f`, divided by `n`. */
function timed(f: () => void, n: number): { cpu: number; wall: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = (performance.now() - t0) * 1_000;
  const { user, system } = process.cpuUsage(cpu0);
  return { cpu: (user + system) / n, wall: wall / n };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/**
 * Envelopes signed as the load generator signs them (bench/lib/intents.ts: ~450-byte posts, 256 keys,
 * target bsv), then, per intent on this thread: JSON.parse, `canonicalize` of the envelope without its
 * signature, SHA-256 (node:crypto), base64url/hex decoding of signature and key, one secp256k1 verify
 * (the native binding). INTRINSIC_ROUNDS rounds over INTRINSIC_INTENTS intents after one warm-up round; the median round.
 * CPU time rather than wall time: on a shared machine the thread is descheduled now and then, and the
 * targets compare I with CPU time read from /proc.
 */
export function measureIntrinsic(): Intrinsic {
  const texts = signMany(newCreators(256), ['bsv'], INTRINSIC_INTENTS);
  const one = (text: string): boolean => {
    const { signature, ...unsigned } = JSON.parse(text) as Envelope;
    const digest = createHash('sha256').update(canonicalize(unsigned)!).digest();
    return secp256k1.ecdsaVerify(Buffer.from(signature, 'base64url'), digest, Buffer.from(unsigned.signer.publicKey, 'hex'));
  };
  const all = () => {
    for (const t of texts) if (!one(t)) throw new Error('intrinsic: a bench envelope did not verify');
  };
  all(); // warm-up: JIT, the binding's context
  const rounds = Array.from({ length: INTRINSIC_ROUNDS }, () => timed(all, texts.length));

  // Each step alone, on inputs prepared by the previous ones, for the report's breakdown.
  const parsed = texts.map((t) => JSON.parse(t) as Envelope);
  const unsignedTexts = parsed.map(({ signature: _, ...unsigned }) => canonicalize(unsigned)!);
  const digests = unsignedTexts.map((u) => createHash('sha256').update(u).digest());
  const keys = parsed.map((p) => [Buffer.from(p.signature, 'base64url'), Buffer.from(p.signer.publicKey, 'hex')] as const);
  const step = (f: () => void) => median(Array.from({ length: 5 }, () => timed(f, texts.length).cpu));
  const steps = {
    parse: step(() => texts.forEach((t) => JSON.parse(t))),
    canonicalize: step(() => parsed.forEach(({ signature: _, ...unsigned }) => canonicalize(unsigned))),
    sha256: step(() => unsignedTexts.forEach((u) => createHash('sha256').update(u).digest())),
    verify: step(() => keys.forEach(([sig, key], i) => secp256k1.ecdsaVerify(sig, digests[i]!, key))),
  };
  return {
    us: median(rounds.map((r) => r.cpu)),
    minUs: Math.min(...rounds.map((r) => r.cpu)),
    wallUs: median(rounds.map((r) => r.wall)),
    steps,
    intents: texts.length,
    rounds: INTRINSIC_ROUNDS,
  };
}
