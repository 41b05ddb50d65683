import type { Command } from './define-command.ts';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Operator commands need the admin token or the node's database. */
  readonly operator: boolean;
  /** Loaded on use only: `worker` then needs no client code, and `--help` starts fast. */
  load(): Promise<Command>;
}

export const commandTable: readonly CommandEntry[] = [
  { name: 'keygen', summary: 'create a creator key file and print its public key and addresses', operator: false, load: async () => (await import('./commands/keygen.ts')).keygenCommand },
  { name: 'sign', summary: 'sign a record into an intent, offline, and print the intent JSON', operator: false, load: async () => (await import('./commands/sign.ts')).signCommand },
  { name: 'publish', summary: 'publish a record (signing it) or a signed intent; --wait follows it', operator: false, load: async () => (await import('./commands/publish.ts')).publishCommand },
  { name: 'status', summary: "a record and its publications' status", operator: false, load: async () => (await import('./commands/status.ts')).statusCommand },
  { name: 'watch', summary: 'follow a record live until every publication is final', operator: false, load: async () => (await import('./commands/watch.ts')).watchCommand },
  { name: 'proof', summary: "print a record's proof bundle (JSON)", operator: false, load: async () => (await import('./commands/proof.ts')).proofCommand },
  { name: 'verify', summary: 'verify a proof bundle offline; --online also against the chains', operator: false, load: async () => (await import('./commands/verify.ts')).verifyCommand },
  { name: 'log checkpoint', summary: "the node's latest signed log checkpoint, its signature checked", operator: false, load: async () => (await import('./commands/log-checkpoint.ts')).logCheckpointCommand },
  { name: 'log verify', summary: "download the node's whole log (tiles, entries) and recompute it against its checkpoint", operator: false, load: async () => (await import('./commands/log-verify.ts')).logVerifyCommand },
  { name: 'log anchors', summary: "the log's checkpoints published on chain, newest first, with each chain's status", operator: false, load: async () => (await import('./commands/log-anchors.ts')).logAnchorsCommand },
  { name: 'log watch', summary: "follow the log's checkpoints, proving each consistent with the last (--state FILE)", operator: false, load: async () => (await import('./commands/log-watch.ts')).logWatchCommand },
  { name: 'keys register', summary: 'allow a creator key to publish', operator: true, load: async () => (await import('./commands/keys-register.ts')).keysRegisterCommand },
  { name: 'keys revoke', summary: 'stop a creator key for good', operator: true, load: async () => (await import('./commands/keys-revoke.ts')).keysRevokeCommand },
  { name: 'keys list', summary: 'the registered creator keys', operator: true, load: async () => (await import('./commands/keys-list.ts')).keysListCommand },
  { name: 'funding balance', summary: "the operator's funding per chain", operator: true, load: async () => (await import('./commands/funding-balance.ts')).fundingBalanceCommand },
  { name: 'funding import', summary: "add funding UTXOs to a UTXO chain's pool, or scan its funding address", operator: true, load: async () => (await import('./commands/funding-import.ts')).fundingImportCommand },
  { name: 'audit verify', summary: 'recompute the transparency log from its entries and check it against the latest signed checkpoint', operator: true, load: async () => (await import('./commands/audit-verify.ts')).auditVerifyCommand },
  { name: 'config', summary: "a chain's settings: keys, environment variables, types, defaults", operator: true, load: async () => (await import('./commands/config-chain.ts')).configChainCommand },
  { name: 'worker', summary: "run the node's publication workers against its database", operator: true, load: async () => (await import('./commands/worker.ts')).workerCommand },
];

/** The entries under a group word ("keys"), or every entry. */
export function commandList(entries: readonly CommandEntry[]): string {
  const width = Math.max(...entries.map((entry) => entry.name.length));
  return entries.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.summary}`).join('\n');
}
