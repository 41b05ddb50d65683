import { grantFor, startTestChain } from '../adapters/arweave/support.ts';
import { adapterConformance } from './adapter-conformance.ts';

adapterConformance('arweave', async () => {
  const chain = await startTestChain();
  const adapter = chain.adapter();
  return {
    adapter,
    mine: async (blocks) => void (await chain.devnet.mine(blocks)),
    grant: (batch) => grantFor(adapter, batch),
    close: () => chain.close(),
  };
});
