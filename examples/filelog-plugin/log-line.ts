/** One line of the log: a transaction at its height, chained to the line before it. */
export interface LogLine {
  readonly height: number;
  /** The SHA-256 (hex) of the previous line's text; 64 zeros for the first line. */
  readonly prev: string;
  readonly txid: string;
  /** base64 of the transaction's bytes. */
  readonly raw: string;
}

/** What a transaction's bytes hold: for each record of the batch, what binds it to its signed intent. */
export interface LogTransaction {
  readonly records: readonly {
    readonly recordId: string;
    readonly publicKey: string;
    readonly signature: string;
    /** The signed envelope as the creator sent it. */
    readonly intent: string;
  }[];
}

/** The parsed line, or undefined for text that is not one. */
export function parseLine(text: string): LogLine | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { height, prev, txid, raw } = value as Record<string, unknown>;
    if (typeof height !== 'number' || typeof prev !== 'string' || typeof txid !== 'string' || typeof raw !== 'string') return undefined;
    return { height, prev, txid, raw };
  } catch {
    return undefined;
  }
}

/** The parsed transaction bytes, or undefined. */
export function parseTransaction(bytes: Uint8Array): LogTransaction | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const records = (value as { records?: unknown }).records;
    if (!Array.isArray(records)) return undefined;
    const valid = records.every(
      (record: unknown) =>
        typeof record === 'object' && record !== null && ['recordId', 'publicKey', 'signature', 'intent'].every((key) => typeof (record as Record<string, unknown>)[key] === 'string'),
    );
    return valid ? (value as LogTransaction) : undefined;
  } catch {
    return undefined;
  }
}
