import type Arweave from 'arweave';
import type { Signer } from 'arbundles';
import type { ResolvedOptions } from './arweave-adapter-options.ts';
import type { GatewayClient } from './gateway-client.ts';
import type { OperatorWallet } from './operator-wallet.ts';

/** What every stage of the adapter works with, made once by the factory. */
export interface AdapterContext {
  options: ResolvedOptions;
  gateway: GatewayClient;
  wallet: OperatorWallet;
  /** The wallet as arbundles' signer of data items. */
  signer: Signer;
  /** arweave-js, for transaction objects, chunking and deep hashes only: it never talks to the gateway. */
  arweave: Arweave;
}
