import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { AlgorandSigner, ArweaveSigner, DataItem, EthereumSigner, createData, type Signer } from 'arbundles';
import Arweave from 'arweave';
import type { ArweaveAnchor, SignedIntent } from '../../../sdk/index.ts';
import { newArweaveJwk } from './rsa-jwk.ts';

export interface Tag {
  name: string;
  value: string;
}

/** Operator signers of the ANS-104 signature types the SDK verifies, as arbundles makes them. */
export function operatorSigners(): Record<'arweave' | 'ed25519' | 'ethereum', Signer> {
  const ed = generateKeyPairSync('ed25519');
  const seed = Buffer.from(ed.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const edPublic = Buffer.from(ed.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return {
    arweave: new ArweaveSigner(newArweaveJwk() as never),
    ed25519: new AlgorandSigner(seed, edPublic),
    ethereum: new EthereumSigner(randomBytes(32).toString('hex')),
  };
}

/**
 * An Arweave (type 1) signer on WebCrypto with salt length 32, as arweave-js signs in browsers;
 * arbundles' own ArweaveSigner uses node:crypto's maximum salt length.
 */
export async function webCryptoArweaveSigner(): Promise<Signer> {
  const jwk = newArweaveJwk();
  const key = await crypto.subtle.importKey('jwk', { ...jwk, ext: true }, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  return {
    signatureType: 1,
    signatureLength: 512,
    ownerLength: 512,
    publicKey: Buffer.from(jwk.n, 'base64url'),
    sign: async (message: Uint8Array) => new Uint8Array(await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, message)),
  };
}

/** The address gateways give an item's owner: base64url(SHA-256(owner)). */
export function ownerAddress(signer: Signer): string {
  return createHash('sha256').update(signer.publicKey).digest('base64url');
}

/** The tags of wire-format.md §4 for a signed intent. */
export function section4Tags(intent: SignedIntent, recordId: string, creator: string, operator: string): Tag[] {
  return Object.entries({
    'App-Name': 'chain-publisher',
    'App-Version': '0.1.0',
    'Content-Type': 'application/json',
    'Record-Id': recordId,
    Creator: creator,
    CreatorPubKey: intent.signer.publicKey,
    CreatorSig: intent.signature,
    SigningMethod: intent.signer.scheme,
    NodeOperator: operator,
  }).map(([name, value]) => ({ name, value }));
}

/** A data item created and signed by arbundles, as a bundle-mode anchor. */
export async function arweaveAnchorOf(signer: Signer, data: string, tags: Tag[]): Promise<ArweaveAnchor> {
  const item = createData(data, signer, { tags });
  await item.sign(signer);
  if (!(await DataItem.verify(item.getRaw()))) throw new Error('arbundles does not verify its own item');
  return {
    chain: 'arweave',
    network: 'devnet',
    id: item.id,
    bundleId: randomBytes(32).toString('base64url'),
    item: Buffer.from(item.getRaw()).toString('base64url'),
    blockHash: randomBytes(48).toString('base64url'),
    blockHeight: 1_234_567,
    confirmations: 20,
  };
}

/**
 * A format-2 layer-1 transaction made and signed by arweave-js with `jwk`, as an anchor's `tx`
 * (its header, data left out): a bundle's when `tags` are the bundle tags, a record's own otherwise.
 */
export async function layer1TxOf(jwk: object, data: Uint8Array, tags: Tag[]): Promise<Record<string, unknown>> {
  const arweave = Arweave.init({});
  const tx = await arweave.createTransaction({ data, last_tx: randomBytes(48).toString('base64url'), reward: '1000' }, jwk as never);
  for (const { name, value } of tags) tx.addTag(name, value);
  await arweave.transactions.sign(tx, jwk as never);
  if (!(await arweave.transactions.verify(tx))) throw new Error('arweave-js does not verify its own transaction');
  const { data: _data, data_tree: _tree, data_trie: _trie, ...header } = tx.toJSON() as Record<string, unknown>;
  return header;
}
