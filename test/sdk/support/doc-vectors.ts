import { readFileSync } from 'node:fs';

const doc = readFileSync(new URL('../../../docs/wire-format.md', import.meta.url), 'utf8');
const block = /<!-- vectors:begin -->\s*```json\n([\s\S]*?)\n```\s*<!-- vectors:end -->/.exec(doc);

/** The project's own vectors, from the block in docs/wire-format.md §8. */
export const docVectors = JSON.parse(block![1]!) as {
  rsaIntent: { privateKeyPkcs8Base64: string; envelopeJson: string; canonicalSigningInput: string; digestHex: string; creatorAddress: string };
  logReceipt: { ed25519SeedHex: string; verifierKey: string; entry: string; checkpoint: string; receipt: string };
  bsvBlockHeader: { network: string; wocHeader: Record<string, unknown>; blockHeader: string; blockHash: string; blockHeight: number; txid: string; merklePath: string; merkleRoot: string };
};
