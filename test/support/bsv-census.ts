import { opReturnPushes } from '../../sdk/verify/bsv/op-return-pushes.ts';
import { parseTransaction } from '../../sdk/verify/bsv/parse-transaction.ts';

/**
 * Reads the devnet's best chain through its WhatsOnChain endpoints, as any outside observer
 * would, and counts every chainpub record output by record id (wire-format.md §3).
 */
export async function bsvRecordCensus(wocUrl: string): Promise<Map<string, number>> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${wocUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const { blocks } = await get<{ blocks: number }>('/chain/info');
  const counts = new Map<string, number>();
  for (let height = 0; height <= blocks; height++) {
    const block = await get<{ tx: string[] }>(`/block/height/${height}`);
    for (const txid of block.tx) {
      const hex = await (await fetch(`${wocUrl}/tx/${txid}/hex`)).text();
      for (const output of parseTransaction(Buffer.from(hex, 'hex')).outputs) {
        const pushes = opReturnPushes(output.script);
        if (!pushes || pushes.length !== 6 || Buffer.from(pushes[0]!).toString('latin1') !== 'chainpub') continue;
        const recordId = Buffer.from(pushes[2]!).toString('hex');
        counts.set(recordId, (counts.get(recordId) ?? 0) + 1);
      }
    }
  }
  return counts;
}
