import { Utils } from '@bsv/sdk';

/** The key hash of a base58check P2PKH address, any network prefix (devnet addresses use testnet's). */
export function pubKeyHashOfAddress(address: string): string {
  let decoded: { prefix: number[] | string; data: number[] | string };
  try {
    decoded = Utils.fromBase58Check(address, 'hex');
  } catch (cause) {
    throw new Error(`"${address}" is not a base58check address`, { cause });
  }
  const data = String(decoded.data);
  if (data.length !== 40) throw new Error(`"${address}" is not a P2PKH address (payload of ${data.length / 2} bytes)`);
  return data;
}

export function p2pkhScript(pubKeyHash: string): Buffer {
  return Buffer.from(`76a914${pubKeyHash}88ac`, 'hex');
}
