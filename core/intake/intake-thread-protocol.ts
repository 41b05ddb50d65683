import type { Reason } from '../errors/index.ts';
import type { IntentLimits } from '../intent/index.ts';
import type { Network } from '../schemes/index.ts';
import type { IntakeIntent, SignatureCheck } from './prepare-intents.ts';

/** Messages between the event loop and an intake thread (structured clone: plain data only). */
export type ThreadTask =
  | { id: number; op: 'prepare' | 'parse'; texts: readonly string[]; limits: IntentLimits; network: Network }
  | { id: number; op: 'verify'; checks: readonly SignatureCheck[] };

export type WireRefusal = { ok: false; error: { reason: Reason; message: string; metadata: Record<string, string> } };
export type WirePrepared = { ok: true; intent: IntakeIntent } | WireRefusal;
export type WireParsed = { ok: true; intent: IntakeIntent; check: SignatureCheck } | WireRefusal;

export type ThreadReply =
  | { id: number; ok: true; results: WirePrepared[] }
  | { id: number; ok: true; parsed: WireParsed[] }
  | { id: number; ok: true; verified: boolean[] }
  | { id: number; ok: false; message: string };
