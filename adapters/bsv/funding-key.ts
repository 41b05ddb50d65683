import { createHash } from 'node:crypto';
import { Utils } from '@bsv/sdk';
import secp256k1 from 'secp256k1';
import { secp256k1Scheme } from '../../core/schemes/index.ts';
import { BsvAdapterError } from './bsv-adapter-error.ts';
import type { BsvNetwork } from './bsv-adapter-options.ts';

/** The operator's funding key and what derives from it. */
export interface FundingKey {
  secret: Uint8Array;
  /** 33-byte compressed point. */
  publicKey: Uint8Array;
  /** Base58check P2PKH address: version 0x00 on mainnet, 0x6f on testnet and regtest. */
  address: string;
  /** `OP_DUP OP_HASH160 <hash160(publicKey)> OP_EQUALVERIFY OP_CHECKSIG`. */
  lockingScript: Buffer;
}

const WIF_PREFIX: Record<BsvNetwork, number> = { mainnet: 0x80, testnet: 0xef, regtest: 0xef };

/**
 * Reads the funding key: a WIF of a compressed key (prefix 0x80 on mainnet, 0xef on testnet and
 * regtest) or 64 hex characters of the raw secret. Uncompressed WIFs are refused: their address is
 * a different one, which the pool's outputs would not pay.
 */
export function readFundingKey(text: string, network: BsvNetwork): FundingKey {
  const secret = /^[0-9a-fA-F]{64}$/.test(text) ? Uint8Array.from(Buffer.from(text, 'hex')) : fromWif(text, network);
  if (!secp256k1.privateKeyVerify(secret)) throw new BsvAdapterError('fundingKey is not a valid secp256k1 secret (it must be from 1 to n - 1)');
  const publicKey = secp256k1.publicKeyCreate(secret, true);
  const hash160 = createHash('ripemd160').update(createHash('sha256').update(publicKey).digest()).digest();
  return {
    secret,
    publicKey,
    address: secp256k1Scheme.address(publicKey, network === 'mainnet' ? 'mainnet' : 'test'),
    lockingScript: Buffer.concat([Buffer.from([0x76, 0xa9, 0x14]), hash160, Buffer.from([0x88, 0xac])]),
  };
}

function fromWif(text: string, network: BsvNetwork): Uint8Array {
  let decoded: { prefix: number[] | string; data: number[] | string };
  try {
    decoded = Utils.fromBase58Check(text);
  } catch (cause) {
    throw new BsvAdapterError('fundingKey is neither 64 hex characters nor a WIF (base58check)', { cause });
  }
  const prefix = Array.from(decoded.prefix as number[]);
  const data = Array.from(decoded.data as number[]);
  if (prefix[0] !== WIF_PREFIX[network]) {
    throw new BsvAdapterError(`fundingKey is a WIF for another network: prefix 0x${(prefix[0] ?? 0).toString(16)}, ${network} uses 0x${WIF_PREFIX[network].toString(16)}`);
  }
  if (data.length !== 33 || data[32] !== 0x01) throw new BsvAdapterError('fundingKey must be the WIF of a compressed key (33 bytes ending 0x01)');
  return Uint8Array.from(data.slice(0, 32));
}
