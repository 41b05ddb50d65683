import { createData, type Signer } from 'arbundles';
import type { OperatorWallet } from './operator-wallet.ts';
import type { Tag } from './record-tags.ts';

/** An operator-signed ANS-104 data item: its id (base64url of SHA-256 of its signature) and bytes. */
export interface SignedItem {
  id: string;
  raw: Uint8Array;
}

/** arbundles' signature type 1 (Arweave, RSA-4096 PSS) on the operator wallet's key objects. */
export function itemSigner(wallet: OperatorWallet): Signer {
  return {
    signatureType: 1,
    signatureLength: 512,
    ownerLength: 512,
    publicKey: wallet.ownerBytes,
    sign: (message) => wallet.sign(message),
  };
}

/** One record's item: the signed envelope as data, its §4 tags, signed by the operator. */
export async function signDataItem(signer: Signer, data: string, tags: readonly Tag[]): Promise<SignedItem> {
  const item = createData(data, signer, { tags: [...tags] });
  await item.sign(signer);
  return { id: item.id, raw: item.getRaw() };
}
