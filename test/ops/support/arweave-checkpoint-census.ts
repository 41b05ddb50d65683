import { Bundle } from 'arbundles';
import { transactionsByTag } from '../../devnet-arweave/support.ts';

/**
 * Every log checkpoint anchored in a mined bundle on the devnet gateway (an item tagged
 * Type: checkpoint, its data the signed note: transparency-log.md §5), by note, with the item ids
 * that carry it: read from the bundles' data, as test/support/arweave-census.ts counts records.
 */
export async function arweaveCheckpointCensus(gatewayUrl: string): Promise<Map<string, string[]>> {
  const notes = new Map<string, string[]>();
  for (const node of await transactionsByTag(gatewayUrl, 'Bundle-Format', 'binary')) {
    if (!node.block) continue;
    const response = await fetch(`${gatewayUrl}/${node.id}`);
    if (!response.ok) throw new Error(`the gateway does not serve the data of mined bundle ${node.id} (${response.status})`);
    for (const item of new Bundle(Buffer.from(await response.arrayBuffer())).items) {
      if (item.tags.find((t) => t.name === 'Type')?.value !== 'checkpoint') continue;
      const note = item.rawData.toString('utf8');
      notes.set(note, [...(notes.get(note) ?? []), item.id]);
    }
  }
  return notes;
}
