import { arweaveVerifier } from '../../sdk/verify/index.ts';
import { chainConformance } from '../../kit/index.ts';
import { grantFor, startTestChain } from '../adapters/arweave/support.ts';

chainConformance('arweave', async () => {
  const chain = await startTestChain();
  const adapter = chain.adapter();
  return {
    adapter,
    verifier: arweaveVerifier,
    mine: async (blocks) => void (await chain.devnet.mine(blocks)),
    grant: (batch) => grantFor(adapter, batch),
    outage: () => chain.devnet.stop(),
    close: () => chain.close(),
  };
});
