import { ArweaveDevnetError } from './errors.ts';

/** arlocal keeps balances in a sqlite REAL column: above 2^53 winston (~9007 AR) they lose precision. */
const MAX_WINSTON = BigInt(Number.MAX_SAFE_INTEGER);
const ADDRESS = /^[A-Za-z0-9_-]{43}$/;

export function assertAddress(address: string): void {
  if (!ADDRESS.test(address)) throw new ArweaveDevnetError(`arweave-devnet: "${address}" is not an Arweave address (43 base64url characters)`);
}

export function assertWinston(winston: bigint, zeroAllowed: boolean): void {
  if (typeof winston !== 'bigint' || winston < (zeroAllowed ? 0n : 1n) || winston > MAX_WINSTON) {
    throw new ArweaveDevnetError(
      `arweave-devnet: winston must be a bigint from ${zeroAllowed ? 0 : 1} to ${MAX_WINSTON} (arlocal stores balances as floating point), got ${String(winston)}`,
    );
  }
}

export interface GatewayCalls {
  /** Resolves to the new height. */
  mine(blocks: number): Promise<number>;
  /** Resolves to the new balance. */
  mint(address: string, winston: bigint): Promise<bigint>;
  balance(address: string): Promise<bigint>;
}

/** The arlocal-only routes the devnet drives: mining and minting (absent from real gateways). */
export function gatewayCalls(url: string): GatewayCalls {
  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${url}${path}`);
    const body = await response.text();
    // arlocal swallows its errors and answers 404 (Koa's default) with no body.
    if (response.status !== 200) {
      throw new ArweaveDevnetError(`arweave-devnet: GET ${path} answered ${response.status}; arlocal logged the cause (see the warnings above).`);
    }
    return body;
  };
  const winston = (text: string, path: string): bigint => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new ArweaveDevnetError(`arweave-devnet: GET ${path} answered "${text}", not a whole number of winston`);
    return BigInt(value);
  };
  return {
    async mine(blocks: number): Promise<number> {
      const path = `/mine/${blocks}`;
      const network = JSON.parse(await get(path)) as { height?: unknown };
      if (typeof network.height !== 'number') throw new ArweaveDevnetError(`arweave-devnet: GET ${path} answered no height`);
      return network.height;
    },
    async mint(address: string, amount: bigint): Promise<bigint> {
      const path = `/mint/${address}/${amount}`;
      return winston(await get(path), path);
    },
    async balance(address: string): Promise<bigint> {
      const path = `/wallet/${address}/balance`;
      return winston(await get(path), path);
    },
  };
}
