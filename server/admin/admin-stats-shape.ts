// The JSON of GET /admin/stats, shared with the admin page (web/admin): types only, no imports,
// so the browser build and its tsconfig can read it.

/** The historical figures the database holds, per minute over the last hour (oldest first). */
export interface DatabaseHistory {
  /** Epoch minutes, the database's current minute last. */
  minutes: number[];
  /** Records in transactions first broadcast in that minute, per chain. */
  published: Record<string, number[]>;
  /** Records in transactions that reached their confirmation depth in that minute, per chain. */
  confirmed: Record<string, number[]>;
  /** UTXO churn of the funding pool: outputs added, and outputs spent by transactions signed, in that minute. */
  utxosCreated: number[];
  utxosSpent: number[];
}

/** What GET /admin/stats answers: the admin page's figures (docs/operations.md, "The admin page"). */
export interface AdminStats {
  at: string;
  database: boolean;
  /** Processes running publication workers on the database, and whether this node runs them too. */
  workers: { processes: number; inline: boolean };
  chains: {
    chain: string;
    reachable: boolean;
    fundingLow: boolean;
    unit: string;
    /** Amounts in the chain's unit, as decimal strings. */
    funding: { available: string; reserved: string; spent: string };
    /** Publications by status. */
    publications: Record<string, number>;
  }[];
  /** This process's intake since it started (counters: the page turns them into rates). */
  intents: { accepted: number; duplicate: number; refused: number; refusedByReason: Record<string, number> };
  limitRefusals: number;
  /** Per minute over the last hour: from the database, and from this process's counters (replays: duplicates and NONCE_REUSED; refusals). */
  history: DatabaseHistory & { replays: number[]; refusals: number[] };
}
