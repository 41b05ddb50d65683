import { checkNoteSignature } from '../../../sdk/verify/check-note-signature.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { ExitCode } from '../exit-codes.ts';
import type { Checkpoint, TileLog } from './tile-log.ts';

export const logKeyOption = { type: 'string', value: 'key', help: "the log's verifier key <origin>+<key ID>+<key> (GetInfo's log_verifier_key, from a source you trust); default: the key the node announces" } as const;

/**
 * The verifier key to check checkpoints with: --log-key, else (said plainly on stderr, since a node
 * cannot vouch for its own key) the one the log announces at <prefix>verifier-key.
 */
export async function resolveLogKey(given: string | undefined, log: TileLog, cli: CliContext): Promise<{ key: string; fromNode: boolean }> {
  if (given !== undefined) return { key: given, fromNode: false };
  const key = await log.verifierKey();
  cli.progress(`note: checked with the key the node announces (${key}); a node cannot vouch for its own key: pass --log-key with one you trust`);
  return { key, fromNode: true };
}

/** The admin token, for a log that is not public; read only when the log asks for it (tile-log.ts). */
export function adminTokenOf(cli: CliContext): () => Promise<string | undefined> {
  return async () => (await cli.adminToken())?.value;
}

/** Exit 1 BAD_SIGNATURE naming the checkpoint, unless it carries a valid signature of `key`. */
export function checkSigned(checkpoint: Checkpoint, key: string, what = 'the checkpoint'): void {
  const result = checkNoteSignature(checkpoint.note, key);
  if (!result.ok) throw new CliError(ExitCode.refused, 'BAD_SIGNATURE', `bad signature: ${what} (size ${checkpoint.size} root ${checkpoint.root.toString('base64')}) is not signed by ${key}: ${result.detail}`);
}
