import { opReturnPushes } from '../../sdk/verify/bsv/op-return-pushes.ts';
import { parseTransaction } from '../../sdk/verify/bsv/parse-transaction.ts';

/**
 * Reads the devnet's best chain through its WhatsOnChain endpoints, as any outside observer
 * would, and counts every chainpub record output by record id (wire-format.md §3).
 */
export async function bsvRecordCensus(wocUrl: string): Promise<Map<string, number>> {
  return (await bsvCensus(wocUrl)).records;
}

/** The same walk, counting records by id and log checkpoints (version 0x02 outputs) by their note. */
export async function bsvCensus(wocUrl: string): Promise<{ records: Map<string, number>; checkpoints: Map<string, number> }> {
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${wocUrl}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const { blocks } = await get<{ blocks: number }>('/chain/info');
  const records = new Map<string, number>();
  const checkpoints = new Map<string, number>();
  const add = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let height = 0; height <= blocks; height++) {
    const block = await get<{ tx: string[] }>(`/block/height/${height}`);
    for (const txid of block.tx) {
      const hex = await (await fetch(`${wocUrl}/tx/${txid}/hex`)).text();
      for (const output of parseTransaction(Buffer.from(hex, 'hex')).outputs) {
        const pushes = opReturnPushes(output.script);
        if (!pushes || Buffer.from(pushes[0] ?? []).toString('latin1') !== 'chainpub') continue;
        if (pushes.length === 6 && pushes[1]?.length === 1 && pushes[1][0] === 1) add(records, Buffer.from(pushes[2]!).toString('hex'));
        if (pushes.length === 3 && pushes[1]?.length === 1 && pushes[1][0] === 2) add(checkpoints, Buffer.from(pushes[2]!).toString('utf8'));
      }
    }
  }
  return { records, checkpoints };
}
