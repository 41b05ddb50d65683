import { createHash } from 'node:crypto';
import { formatTilePath, TILE_WIDTH } from '../../../core/audit/tile-path.ts';
import { CliError } from '../cli-error.ts';
import { ExitCode } from '../exit-codes.ts';

/** A checkpoint's body (c2sp.org/tlog-checkpoint), with the note it came in. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  note: string;
}

const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
export const leafHash = (entry: Uint8Array): Buffer => sha256(Buffer.of(0), entry);
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(Buffer.of(1), left, right);
export const EMPTY_ROOT = sha256();

/** Reads a checkpoint note's first three lines; throws with what is wrong. */
export function readCheckpoint(note: string): Checkpoint {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note (no blank line)');
  const [origin = '', size = '', root = ''] = note.slice(0, split).split('\n');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size)) throw new Error(`the checkpoint's size line "${size.slice(0, 30)}" is not a decimal`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error(`the checkpoint's root line "${root.slice(0, 60)}" is not a base64 SHA-256 hash`);
  return { origin, size: Number(size), root: rootHash, note };
}

/** How a checkpoint is named in messages: size and root. */
export const describeCheckpoint = (c: Checkpoint) => `size ${c.size} root ${c.root.toString('base64')}`;

/** Hashes of tile level `level` that a tree of `size` holds. */
export const hashesAt = (level: number, size: number) => Math.floor(size / TILE_WIDTH ** level);

/**
 * A tlog-tiles client (c2sp.org/tlog-tiles) of the log under `prefix` (the node's /log/): its
 * checkpoint, the verifier key it announces, and the tiles and entry bundles of a tree size,
 * each fetched once and checked for its exact length.
 *
 * A log that is not public (`log.public: false`) answers 401: then, and only then, `adminToken`
 * is asked for the token and the request made again with it, as are all that follow; a public log
 * is never sent the token (docs/decisions.md).
 */
export function tileLog(prefix: string, adminToken: () => Promise<string | undefined> = async () => undefined) {
  const cache = new Map<string, Buffer>();
  let authorization: string | undefined;
  const fetchOnce = async (path: string): Promise<Response> => {
    try {
      return await fetch(`${prefix}${path}`, { headers: { 'accept-encoding': 'gzip, identity', ...(authorization ? { authorization } : {}) } });
    } catch (error) {
      throw new CliError(ExitCode.unreachable, 'NODE_UNREACHABLE', `cannot reach the log at ${prefix}: ${(error as Error).message}`, { cause: error });
    }
  };
  const get = async (path: string): Promise<Response> => {
    const response = await fetchOnce(path);
    if (response.status !== 401 || authorization !== undefined) return refusedAccess(response, path);
    const token = await adminToken();
    if (token === undefined) return refusedAccess(response, path);
    await response.body?.cancel();
    authorization = `Bearer ${token}`;
    return refusedAccess(await fetchOnce(path), path);
  };
  /** A 401 or 403 is the admin token's refusal (a log that is not public): said as such, with what to do. */
  const refusedAccess = async (response: Response, path: string): Promise<Response> => {
    if (response.status !== 401 && response.status !== 403) return response;
    const text = (await response.text()).trim().slice(0, 200);
    const reason = /^(ADMIN_TOKEN_MISSING|ADMIN_TOKEN_INVALID):/.exec(text)?.[1] ?? 'LOG_UNAVAILABLE';
    throw new CliError(ExitCode.refused, reason, `${prefix}${path}: HTTP ${response.status} ${text}`, {
      hint: authorization ? 'the log is not public: the admin token given is not this node\'s' : 'the log is not public: pass --admin-token or set PUBLISHER_ADMIN_TOKEN',
    });
  };
  /** Tiles are kept (proofs come back to them); entry bundles, read once, are not. */
  const getBytes = async (path: string, keep: boolean): Promise<Buffer> => {
    const cached = cache.get(path);
    if (cached) return cached;
    const response = await get(path);
    if (response.status !== 200) throw new CliError(ExitCode.refused, 'LOG_UNAVAILABLE', `${prefix}${path}: HTTP ${response.status} ${(await response.text()).trim().slice(0, 200)}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (keep) cache.set(path, bytes);
    return bytes;
  };
  const getText = async (path: string): Promise<string> => {
    const response = await get(path);
    if (response.status !== 200) throw new CliError(ExitCode.refused, 'LOG_UNAVAILABLE', `${prefix}${path}: HTTP ${response.status} ${(await response.text()).trim().slice(0, 200)}`);
    return response.text();
  };
  /** Tile `n` of `level` (or the entry bundle `n`) of a tree of `size`: full, or partial as wide as that tree makes it. */
  const widthOf = (level: number, n: number, size: number) => Math.min(TILE_WIDTH, hashesAt(level, size) - n * TILE_WIDTH);
  const tile = async (level: number, n: number, size: number): Promise<Buffer[]> => {
    const width = widthOf(level, n, size);
    const path = `tile/${formatTilePath({ level, index: BigInt(n), width })}`;
    const body = await getBytes(path, true);
    if (body.length !== 32 * width) throw new TileError(`tile ${level}/${n}`, `is ${body.length} bytes, not ${32 * width} (${width} hashes)`);
    return Array.from({ length: width }, (_, i) => body.subarray(32 * i, 32 * i + 32));
  };
  return {
    prefix,
    async checkpoint(): Promise<Checkpoint> {
      const note = await getText('checkpoint');
      try {
        return readCheckpoint(note);
      } catch (error) {
        throw new CliError(ExitCode.refused, 'BAD_CHECKPOINT', `${prefix}checkpoint: ${(error as Error).message}`);
      }
    },
    verifierKey: async () => (await getText('verifier-key')).trim(),
    tile,
    /** The entries of bundle `n` of a tree of `size`. */
    async entries(n: number, size: number): Promise<Buffer[]> {
      const width = widthOf(0, n, size);
      const body = await getBytes(`tile/${formatTilePath({ level: 'entries', index: BigInt(n), width })}`, false);
      const entries: Buffer[] = [];
      let at = 0;
      while (at < body.length && entries.length < width) {
        if (at + 2 > body.length) break;
        const length = body.readUInt16BE(at);
        entries.push(body.subarray(at + 2, at + 2 + length));
        at += 2 + length;
      }
      if (entries.length !== width || at !== body.length) throw new TileError(`entry bundle ${n}`, `does not frame ${width} entries (uint16 length + bytes) in its ${body.length} bytes`);
      return entries;
    },
    /** MTH(D[start:end]) in the tree of `size`, from its tiles: perfect subtrees from one tile each, RFC 6962's splits above them. */
    rangeHash(size: number): (start: number, end: number) => Promise<Buffer> {
      const perfect = async (start: number, height: number): Promise<Buffer> => {
        const level = Math.floor(height / 8);
        const first = start / TILE_WIDTH ** level;
        let hashes = (await tile(level, Math.floor(first / TILE_WIDTH), size)).slice(first % TILE_WIDTH, (first % TILE_WIDTH) + 2 ** (height % 8));
        while (hashes.length > 1) hashes = Array.from({ length: hashes.length / 2 }, (_, i) => nodeHash(hashes[2 * i]!, hashes[2 * i + 1]!));
        return hashes[0]!;
      };
      const mth = async (start: number, end: number): Promise<Buffer> => {
        const n = end - start;
        if (n === 0) return EMPTY_ROOT;
        if (Number.isInteger(Math.log2(n)) && start % n === 0) return perfect(start, Math.log2(n));
        let k = 1;
        while (k * 2 < n) k *= 2;
        return nodeHash(await mth(start, start + k), await mth(start + k, end));
      };
      return mth;
    },
  };
}

export type TileLog = ReturnType<typeof tileLog>;

/** A tile or bundle that is not what the spec says it must be: the log serves something wrong. */
export class TileError extends Error {
  override readonly name = 'TileError' as const;
  constructor(
    readonly resource: string,
    problem: string,
  ) {
    super(`${resource} ${problem}`);
  }
}
