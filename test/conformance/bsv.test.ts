import { bsvVerifier } from '../../sdk/verify/index.ts';
import { chainConformance } from '../../kit/index.ts';
import { startAdapterOnDevnet } from '../adapters/bsv/support/adapter-on-devnet.ts';

chainConformance('bsv', async () => {
  // A devnet in a temp dir funding a new operator key; every transaction the adapter publishes
  // with success is also verified by bsv@1.5.6's interpreter (see the support file).
  const t = await startAdapterOnDevnet({ outputs: 20 });
  return {
    adapter: t.adapter,
    verifier: bsvVerifier,
    mine: async (blocks) => void t.devnet.mine(blocks),
    grant: async () => ({ model: 'utxo', inputs: [t.utxo()] }),
    outage: () => t.devnet.stop(),
    fixedRecordSize: true,
    close: () => t.close(),
  };
});
