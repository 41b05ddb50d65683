/** The checks the Arweave verifier reports, by stable name (sdk/README.md, "Proof checks"). */
export const arweaveChecks = {
  item: 'arweave.item',
  id: 'arweave.id',
  signature: 'arweave.signature',
  itemKey: 'arweave.item-key',
  data: 'arweave.data',
  tags: 'arweave.tags',
  tx: 'arweave.tx',
  dataRoot: 'arweave.data-root',
} as const;

export type ArweaveCheckName = (typeof arweaveChecks)[keyof typeof arweaveChecks];
