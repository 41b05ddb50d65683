import type { Reason } from '../errors/index.ts';
import type { IntentLimits } from '../intent/index.ts';
import type { ReceiptFields, ReceiptKey } from '../receipts/index.ts';
import type { Network } from '../schemes/index.ts';
import type { IntakeIntent } from './prepare-intents.ts';

/** Messages between the event loop and an intake thread (structured clone: plain data only). */
export type ThreadTask =
  | { id: number; op: 'prepare'; texts: readonly string[]; limits: IntentLimits; network: Network }
  | { id: number; op: 'sign'; fields: readonly ReceiptFields[]; key: ReceiptKey };

export type WirePrepared = { ok: true; intent: IntakeIntent } | { ok: false; error: { reason: Reason; message: string; metadata: Record<string, string> } };

export type ThreadReply =
  | { id: number; ok: true; results: WirePrepared[] }
  | { id: number; ok: true; receipts: string[] }
  | { id: number; ok: false; message: string };
