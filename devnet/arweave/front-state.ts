import type { HeaderFacts } from './node-answers.ts';

/** Ids, data roots and refusals the front remembers, at most this many of each (the oldest go first). */
export const KEEP_MAX = 1_000;

type Rows = <T>(sql: string, bindings?: readonly unknown[]) => Promise<T[]>;

/** What the front's header check asks of arlocal's database. */
export function arlocalFacts(rows: Rows): HeaderFacts {
  return {
    // The anchors arlocal's own check accepts (its txValidateMiddleware).
    anchors: async (owner) => [
      ...(await rows<{ id: string }>('SELECT id FROM blocks ORDER BY created_at DESC LIMIT 50')).map((b) => b.id),
      ...(await rows<{ id: string }>('SELECT id FROM transactions WHERE owner = ? ORDER BY created_at DESC LIMIT 1', [owner])).map((t) => t.id),
    ],
    balance: async (address) => Number((await rows<{ balance: number }>('SELECT balance FROM wallets WHERE address = ? LIMIT 1', [address]))[0]?.balance ?? 0),
  };
}

export function keep(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > KEEP_MAX) set.delete(set.values().next().value!);
}

export function remember(map: Map<string, string>, key: string, value: string): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KEEP_MAX) map.delete(map.keys().next().value!);
}
