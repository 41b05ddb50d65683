import { createPublicKey, verify } from 'node:crypto';
import { EMPTY_ROOT, leafHash, nodeHash, split, type RangeHash } from './rfc6962.ts';

/**
 * A tlog-tiles client written from c2sp.org/tlog-tiles, tlog-checkpoint and signed-note, apart
 * from the node's code: reads a log's checkpoint, tiles and entry bundles over HTTP and gives the
 * Merkle Tree Hash of any range of a tree it has a checkpoint for, from tiles alone.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  note: string;
}

/** Tile index N as 3-digit path elements, all but the last prefixed with x (1234067: x001/x234/067). */
export function tileIndexPath(n: number): string {
  let digits = String(n);
  while (digits.length % 3 !== 0) digits = `0${digits}`;
  const elements = digits.match(/.{3}/g)!;
  return elements.map((e, i) => (i < elements.length - 1 ? `x${e}` : e)).join('/');
}

/** The path under <prefix>/tile/ of tile (level, n) in a tree of `size`: full, or partial with its width. */
export function tilePathFor(level: number | 'entries', n: number, size: number): string {
  const count = Math.floor(size / 256 ** (level === 'entries' ? 0 : level));
  const width = Math.min(256, count - n * 256);
  if (width <= 0) throw new RangeError(`tile ${level}/${n} is beyond a tree of ${size}`);
  return `${level}/${tileIndexPath(n)}${width < 256 ? `.p/${width}` : ''}`;
}

/** Checks a signed note's signature by the verifier key `<name>+<hex key ID>+<base64(0x01 ‖ Ed25519 key)>`. */
export function noteSignedBy(note: string, verifierKey: string): boolean {
  const [name = '', keyIdHex = ''] = verifierKey.split('+');
  const typed = Buffer.from(verifierKey.slice(name.length + keyIdHex.length + 2), 'base64');
  if (typed[0] !== 0x01 || typed.length !== 33) return false;
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: typed.subarray(1).toString('base64url') }, format: 'jwk' });
  const split = note.indexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return false;
  const text = Buffer.from(note.slice(0, split + 1));
  return note
    .slice(split + 2, -1)
    .split('\n')
    .filter((line) => line.startsWith(`\u2014 ${name} `))
    .some((line) => {
      const signature = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
      return signature.length === 68 && signature.subarray(0, 4).toString('hex') === keyIdHex && verify(null, text, publicKey, signature.subarray(4));
    });
}

/** A checkpoint note's body: origin, decimal size, base64 root, then optional extension lines. */
export function readCheckpoint(note: string): Checkpoint {
  const [origin = '', size = '', root = ''] = note.slice(0, note.indexOf('\n\n')).split('\n');
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new Error(`checkpoint size line "${size}" is not a decimal`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error(`checkpoint root line "${root}" is not a base64 SHA-256 hash`);
  return { origin, size: Number(size), root: rootHash, note };
}

export function tileClient(prefix: string) {
  const cache = new Map<string, Buffer>();
  const get = async (path: string): Promise<Buffer> => {
    const hit = cache.get(path);
    if (hit) return hit;
    const response = await fetch(`${prefix}${path}`, { headers: { 'accept-encoding': 'gzip, identity' } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    const body = Buffer.from(await response.arrayBuffer());
    cache.set(path, body);
    return body;
  };
  /** The hashes of one tile of a tree of `size`, checked to be whole. */
  const tile = async (level: number, n: number, size: number): Promise<Buffer[]> => {
    const path = `tile/${tilePathFor(level, n, size)}`;
    const body = await get(path);
    const width = Math.min(256, Math.floor(size / 256 ** level) - n * 256);
    if (body.length !== 32 * width) throw new Error(`${path} is ${body.length} bytes, not ${32 * width}`);
    return Array.from({ length: width }, (_, i) => body.subarray(32 * i, 32 * i + 32));
  };
  return {
    get,
    async checkpoint(): Promise<Checkpoint> {
      const response = await fetch(`${prefix}checkpoint`);
      if (response.status !== 200) throw new Error(`GET checkpoint: ${response.status}`);
      return readCheckpoint(await response.text());
    },
    /** The entries of bundle n of a tree of `size`, each checked against its level-0 tile's hash. */
    async entries(n: number, size: number): Promise<Buffer[]> {
      const body = await get(`tile/${tilePathFor('entries', n, size)}`);
      const entries: Buffer[] = [];
      for (let at = 0; at < body.length; ) {
        const length = body.readUInt16BE(at);
        entries.push(body.subarray(at + 2, at + 2 + length));
        at += 2 + length;
      }
      const hashes = await tile(0, n, size);
      if (entries.length !== hashes.length || entries.some((e, i) => !leafHash(e).equals(hashes[i]!))) throw new Error(`entry bundle ${n} does not hash to level-0 tile ${n}`);
      return entries;
    },
    /** MTH(D[start:end]) of a tree of `size`, from its tiles (RFC 6962 §2.1 over tlog-tiles). */
    rangeHash(size: number): RangeHash {
      const aligned = async (start: number, height: number): Promise<Buffer> => {
        // A perfect subtree of 2^height leaves: 2^(height mod 8) hashes of tile level ⌊height/8⌋.
        const level = Math.floor(height / 8);
        const first = start / 256 ** level;
        let hashes = (await tile(level, Math.floor(first / 256), size)).slice(first % 256, (first % 256) + 2 ** (height % 8));
        while (hashes.length > 1) hashes = Array.from({ length: hashes.length / 2 }, (_, i) => nodeHash(hashes[2 * i]!, hashes[2 * i + 1]!));
        return hashes[0]!;
      };
      const mth: RangeHash = async (start, end) => {
        const n = end - start;
        if (n === 0) return EMPTY_ROOT;
        if (Number.isInteger(Math.log2(n)) && start % n === 0) return aligned(start, Math.log2(n));
        const k = split(n);
        return nodeHash(await mth(start, start + k), await mth(start + k, end));
      };
      return mth;
    },
  };
}
