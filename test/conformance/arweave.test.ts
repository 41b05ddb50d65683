import { arweaveVerifier } from '../../sdk/verify/index.ts';
import { chainConformance } from '../../kit/index.ts';
import { itemKeyOf, testLogSigner } from '../support/log-signer.ts';
import { grantFor, startTestChain } from '../adapters/arweave/support.ts';

// As the node runs it: items signed with the operator's Ed25519 log key (wire-format §4).
chainConformance('arweave', async () => {
  const chain = await startTestChain();
  const log = testLogSigner();
  const adapter = chain.adapter({ itemKey: itemKeyOf(log) });
  return {
    adapter,
    verifier: arweaveVerifier,
    logKey: log.verifierKey,
    mine: async (blocks) => void (await chain.devnet.mine(blocks)),
    grant: (batch) => grantFor(adapter, batch),
    outage: () => chain.devnet.stop(),
    close: () => chain.close(),
  };
});
