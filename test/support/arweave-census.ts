import { Bundle } from 'arbundles';
import { transactionsByTag } from '../devnet-arweave/support.ts';

/**
 * Counts every chain-publisher record mined on the devnet gateway, by its Record-Id tag
 * (wire-format.md §4), as an outside observer reads the chain: the mined layer-1 transactions
 * (GraphQL), and for each ANS-104 bundle among them its data from the gateway, read by arbundles.
 * Bundles are read rather than the gateway's item index because arlocal leaves some bundles'
 * items unindexed (those of an owner without a wallet on it, such as the operator's Ed25519 key,
 * when the bundle is not unbundled by its mine route); a real gateway indexes every item, and
 * what is on chain is the bundle's data either way.
 */
export async function arweaveRecordCensus(gatewayUrl: string): Promise<Map<string, number>> {
  return (await arweaveCensus(gatewayUrl)).records;
}

/** The same reading, counting records by Record-Id and log checkpoints (`Type: checkpoint`, transparency-log.md §5) by their data, the note. */
export async function arweaveCensus(gatewayUrl: string): Promise<{ records: Map<string, number>; checkpoints: Map<string, number> }> {
  const counts = new Map<string, number>();
  const checkpoints = new Map<string, number>();
  const count = (tags: readonly { name: string; value: string }[], data?: () => string) => {
    const recordId = tags.find((t) => t.name === 'Record-Id')?.value;
    if (recordId) counts.set(recordId, (counts.get(recordId) ?? 0) + 1);
    if (data !== undefined && tags.some((t) => t.name === 'Type' && t.value === 'checkpoint')) {
      const note = data();
      checkpoints.set(note, (checkpoints.get(note) ?? 0) + 1);
    }
  };
  // Layer-1 mode: the record is the transaction itself.
  for (const node of await transactionsByTag(gatewayUrl, 'App-Name', 'chain-publisher')) {
    if (node.block && !(await isItem(gatewayUrl, node.id))) count(node.tags);
  }
  for (const node of await transactionsByTag(gatewayUrl, 'Bundle-Format', 'binary')) {
    if (!node.block) continue;
    const response = await fetch(`${gatewayUrl}/${node.id}`);
    if (!response.ok) throw new Error(`the gateway does not serve the data of mined bundle ${node.id} (${response.status})`);
    const bundle = new Bundle(Buffer.from(await response.arrayBuffer()));
    for (const item of bundle.items) count(item.tags, () => Buffer.from(item.rawData).toString('utf8'));
  }
  return { records: counts, checkpoints };
}

/** arlocal lists items like transactions, but answers 404 for an item's /tx/{id}/status. */
async function isItem(gatewayUrl: string, id: string): Promise<boolean> {
  return (await fetch(`${gatewayUrl}/tx/${id}/status`)).status === 404;
}
