import { createHash, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { AlgorandSigner, ArweaveSigner, DataItem, EthereumSigner, createData, type Signer } from 'arbundles';
import Arweave from 'arweave';
import type { ArweaveAnchor, SignedIntent } from '../../../sdk/index.ts';
import { newArweaveJwk } from './rsa-jwk.ts';

export interface Tag {
  name: string;
  value: string;
}

/** The fixtures' log key: the design's published test seed (tlog-vectors.json). */
export const FIXTURE_LOG_SEED = 'a944568f68355ac561bc09a536cdd1a311a9befd917fcabf48684ea685e122ba';

let wallet: ReturnType<typeof newArweaveJwk> | undefined;
/** The fixtures' operator wallet (RSA-4096, made once): it signs type-1 items and every bundle's layer-1 transaction. */
export function fixtureWallet(): ReturnType<typeof newArweaveJwk> {
  wallet ??= newArweaveJwk();
  return wallet;
}

/** arbundles' Curve25519 signer (type 2) on an Ed25519 seed. */
export function ed25519Signer(seedHex: string): Signer {
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const edPublic = Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');
  return new AlgorandSigner(Buffer.from(seedHex, 'hex'), edPublic);
}

/**
 * Operator signers of the ANS-104 signature types, as arbundles makes them: the two the node
 * issues (1: the fixtures' wallet, 2: the fixtures' log key) and one it never does (3: Ethereum).
 */
export function operatorSigners(): Record<'arweave' | 'ed25519' | 'ethereum', Signer> {
  return {
    arweave: new ArweaveSigner(fixtureWallet() as never),
    ed25519: ed25519Signer(FIXTURE_LOG_SEED),
    ethereum: new EthereumSigner(randomBytes(32).toString('hex')),
  };
}

/** The NodeOperator of an item: its owner's address, or for an Ed25519 item the address of the wallet that signs its bundle. */
export function operatorAddressOf(signer: Signer): string {
  return signer.signatureType === 2 ? createHash('sha256').update(Buffer.from(fixtureWallet().n, 'base64url')).digest('base64url') : ownerAddress(signer);
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

export const BUNDLE_TAGS: Tag[] = [
  { name: 'Bundle-Format', value: 'binary' },
  { name: 'Bundle-Version', value: '2.0.0' },
];

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

/**
 * A data item created and signed by arbundles, as a bundle-mode anchor. An Ed25519 (type 2) item
 * comes with its bundle's layer-1 header signed by the fixtures' wallet, which the item names as
 * its operator (wire-format §4).
 */
export async function arweaveAnchorOf(signer: Signer, data: string, tags: Tag[]): Promise<ArweaveAnchor> {
  const item = createData(data, signer, { tags });
  await item.sign(signer);
  if (!(await DataItem.verify(item.getRaw()))) throw new Error('arbundles does not verify its own item');
  const bundle = signer.signatureType === 2 ? await layer1TxOf(fixtureWallet(), item.getRaw(), BUNDLE_TAGS) : undefined;
  return {
    chain: 'arweave',
    network: 'devnet',
    id: item.id,
    bundleId: bundle === undefined ? randomBytes(32).toString('base64url') : String(bundle['id']),
    item: Buffer.from(item.getRaw()).toString('base64url'),
    ...(bundle === undefined ? {} : { tx: bundle as never }),
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
