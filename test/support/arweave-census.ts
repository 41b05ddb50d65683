import { transactionsByTag } from '../devnet-arweave/support.ts';

/**
 * Reads the devnet gateway through GraphQL, as any outside observer would, and counts every mined
 * chain-publisher item (or layer-1 transaction) by its Record-Id tag (wire-format.md §4).
 */
export async function arweaveRecordCensus(gatewayUrl: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const node of await transactionsByTag(gatewayUrl, 'App-Name', 'chain-publisher')) {
    if (!node.block) continue;
    const recordId = node.tags.find((t) => t.name === 'Record-Id')?.value;
    if (recordId) counts.set(recordId, (counts.get(recordId) ?? 0) + 1);
  }
  return counts;
}
