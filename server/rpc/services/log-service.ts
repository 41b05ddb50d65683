import type { ConnectRouter } from '@connectrpc/connect';
import type { Pool } from 'pg';
import { checkpointNotes, consistencyProof, inclusionProof, latestCheckpoint, readLogEntries, type CheckpointSigner } from '../../../core/audit/index.ts';
import { PublisherError, invalidRequest } from '../../../core/errors/index.ts';
import { asStoreError } from '../../../core/store/index.ts';
import type { ChainAdapter } from '../../../core/adapter/index.ts';
import { listAnchoredCheckpoints } from '../../../core/proofs/index.ts';
import { LogService } from '../../../proto/gen/publisher/v1/log_pb.ts';
import { PublicationStatus } from '../../../proto/gen/publisher/v1/publish_pb.ts';

/** Entries per GetEntries page, and the bytes a page stops before (an entry is at most 64 KiB). */
const MAX_PAGE = 256;
const MAX_PAGE_BYTES = 4 << 20;
const RECORD_ID = /^[0-9a-f]{64}$/;
/** Checkpoints per ListAnchoredCheckpoints page: at most, and when none is asked for. */
const MAX_ANCHORED_PAGE = 100;
const DEFAULT_ANCHORED_PAGE = 20;
const ANCHOR_STATUS = {
  queued: PublicationStatus.QUEUED,
  submitted: PublicationStatus.SUBMITTED,
  confirmed: PublicationStatus.CONFIRMED,
  failed: PublicationStatus.FAILED,
} as const;

/** LogService (public): the transparency log's checkpoints, proofs and entries, from the stored rows. */
export function logServiceRoutes(pool: Pool, logSigner: CheckpointSigner, adapters: ReadonlyMap<string, ChainAdapter>) {
  const stored = <T>(work: Promise<T>): Promise<T> =>
    work.catch((e: unknown) => {
      throw asStoreError(e);
    });
  /** A requested size: 0 means the latest; otherwise from `min` to the latest checkpoint's size. */
  const sizeOf = (field: string, value: bigint, min: number, latest: number): number => {
    if (value === 0n) return latest;
    if (value < BigInt(min) || value > BigInt(latest)) throw invalidRequest(field, min > latest ? `the log holds ${latest} entries, fewer than ${min}` : `must be from ${min} to ${latest}, the latest checkpoint's size (or 0 for it)`);
    return Number(value);
  };
  return (router: ConnectRouter) =>
    router.service(LogService, {
      async getCheckpoint() {
        const latest = await stored(latestCheckpoint(pool));
        return { checkpoint: latest.note, treeSize: BigInt(latest.size), rootHash: latest.rootHash };
      },
      getVerifierKey() {
        return { verifierKey: logSigner.verifierKey, origin: logSigner.origin };
      },
      async getInclusionProof(req) {
        const latest = await stored(latestCheckpoint(pool));
        let index: number;
        if (req.entry.case === 'index') {
          if (req.entry.value >= BigInt(latest.size)) throw invalidRequest('index', `must be below ${latest.size}, the latest checkpoint's size`);
          index = Number(req.entry.value);
        } else if (req.entry.case === 'recordId') {
          const recordId = req.entry.value;
          if (!RECORD_ID.test(recordId)) throw invalidRequest('record_id', 'must be 64 lowercase hex digits');
          const { rows } = await stored(pool.query<{ log_index: string }>('SELECT log_index FROM records WHERE record_id = $1', [recordId]));
          if (!rows[0] || Number(rows[0].log_index) >= latest.size) throw new PublisherError('NOT_FOUND', `no record ${recordId} in the log`, { metadata: { recordId } });
          index = Number(rows[0].log_index);
        } else throw invalidRequest('entry', 'give an index or a record_id');
        const size = sizeOf('tree_size', req.treeSize, index + 1, latest.size);
        const [{ root, proof }, entries, notes] = await stored(Promise.all([inclusionProof(pool, index, size), readLogEntries(pool, index, 1), checkpointNotes(pool, [size])]));
        return { index: BigInt(index), treeSize: BigInt(size), proof, entry: entries[0]!.entry, rootHash: root, checkpoint: notes.get(size) ?? '' };
      },
      async getConsistencyProof(req) {
        const latest = await stored(latestCheckpoint(pool));
        const newSize = sizeOf('new_size', req.newSize, 1, latest.size);
        if (req.oldSize < 1n || req.oldSize > BigInt(newSize)) throw invalidRequest('old_size', `must be from 1 to new_size (${newSize})`);
        const oldSize = Number(req.oldSize);
        const [{ oldRoot, newRoot, proof }, notes] = await stored(Promise.all([consistencyProof(pool, oldSize, newSize), checkpointNotes(pool, [oldSize, newSize])]));
        return {
          oldSize: BigInt(oldSize),
          newSize: BigInt(newSize),
          proof,
          oldRootHash: oldRoot,
          newRootHash: newRoot,
          oldCheckpoint: notes.get(oldSize) ?? '',
          newCheckpoint: notes.get(newSize) ?? '',
        };
      },
      async getEntries(req) {
        const latest = await stored(latestCheckpoint(pool));
        if (req.start > BigInt(latest.size)) throw invalidRequest('start', `must be at most ${latest.size}, the latest checkpoint's size`);
        if (req.pageSize > MAX_PAGE) throw invalidRequest('page_size', `at most ${MAX_PAGE} (0 for ${MAX_PAGE})`);
        const start = Number(req.start);
        const limit = Math.min(req.pageSize || MAX_PAGE, latest.size - start);
        const read = limit === 0 ? [] : await stored(readLogEntries(pool, start, limit));
        let bytes = 0;
        const page = read.filter((e, i) => (bytes += e.entry.length) <= MAX_PAGE_BYTES || i === 0);
        return {
          entries: page.map((e) => ({ index: BigInt(e.index), entry: e.entry, leafHash: e.leafHash })),
          nextStart: BigInt(start + page.length),
          treeSize: BigInt(latest.size),
        };
      },
      async listAnchoredCheckpoints(req) {
        if (req.pageSize > MAX_ANCHORED_PAGE) throw invalidRequest('page_size', `at most ${MAX_ANCHORED_PAGE} (0 for ${DEFAULT_ANCHORED_PAGE})`);
        if (req.beforeSize > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidRequest('before_size', 'is beyond any size this log can reach');
        const limit = req.pageSize || DEFAULT_ANCHORED_PAGE;
        const views = await listAnchoredCheckpoints(pool, adapters, Number(req.beforeSize), limit);
        return {
          checkpoints: views.map((view) => ({
            treeSize: BigInt(view.treeSize),
            rootHash: view.rootHash,
            checkpoint: view.note,
            anchors: view.anchors.map((a) => ({
              chain: a.chain,
              status: ANCHOR_STATUS[a.status] ?? PublicationStatus.UNSPECIFIED,
              txid: a.txid,
              locator: a.locator,
              blockHeight: BigInt(a.blockHeight),
              confirmations: a.confirmations,
              lastError: a.lastError,
              anchorJson: a.anchor === undefined ? '' : JSON.stringify(a.anchor),
            })),
          })),
          nextBeforeSize: views.length === limit ? BigInt(views.at(-1)!.treeSize) : 0n,
        };
      },
    });
}
