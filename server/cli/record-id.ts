import { usageError } from './cli-error.ts';

/** A record id as the node spells it: 64 lowercase hex (the digest of the intent). */
export function checkedRecordId(text: string): string {
  const id = text.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(id)) throw usageError(`${JSON.stringify(text)} is not a record id: 64 hex characters, as publish prints`);
  return id;
}
