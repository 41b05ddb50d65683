import type { RequestListener } from 'node:http';
import Arweave from 'arweave';
import type { Logger } from 'pino';
import { FaultSwitches, type FaultState } from '../fault-switches.ts';
import { ARIO_CHUNK_BODY_LIMIT, arioChunkAnswer } from './ario-chunk-answer.ts';
import { assemble, type HeldUpload } from './chunk-assembly.ts';
import { ArweaveDevnetError } from './errors.ts';
import { answer, askArlocal, parseJson, PASS_HEADER, PASS_TOKEN, readBody, TooLarge, type TextAnswer } from './front-http.ts';
import type { ArlocalInstance } from './load-arlocal.ts';
import { arlocalFacts, keep, KEEP_MAX, remember } from './front-state.ts';
import { checkHeader, NODE, nodeStatus, nodeTx } from './node-answers.ts';

const TX = /^\/tx\/([A-Za-z0-9_-]{43})(\/status)?$/;
/** Held uploads, refusals and dropped roots kept at most: the oldest is forgotten first (its sender posts again). */
/** arlocal's own JSON body limit is 15 MB. */
const TX_BODY_LIMIT = 15 * 1024 * 1024;

export interface ArweaveFaultState extends FaultState {
  unseenHeaders: number;
}

/**
 * The devnet's fault switches, as tests see them. `status5xx`, `delay` and `drop` are consumed by
 * transaction posts (`POST /tx`), one per request; chunks of a dropped transaction are answered
 * 200 and thrown away with it.
 */
export interface ArweaveFaults extends Pick<FaultSwitches, 'status5xx' | 'delay' | 'drop'> {
  /**
   * The next `count` headers posted without their data reach the gateway before its peers see
   * them: the first chunk posted for each gets ar.io's answer when every peer says
   * `data_root_not_found` (400 and a tally, no reason), and is not kept; later chunks are taken.
   */
  unseenHeaders(count: number): void;
  clear(): void;
  pending(): ArweaveFaultState;
}

export interface GatewayFront {
  /** Wraps arlocal's request listener. */
  listener(arlocal: RequestListener): RequestListener;
  /** Where the front reaches arlocal again (the server's own address), set once it listens. */
  setSelf(port: number): void;
  /** Resolves once every complete upload so far is in arlocal (or refused by it): mining waits for it. */
  settled(): Promise<void>;
  faults: ArweaveFaults;
}

/**
 * What stands between clients and arlocal in the devnet (README: "The front"): `POST /chunk`
 * answered as an ar.io gateway does (ario-chunk-answer.ts), `POST /tx` and `GET /tx/{id}[/status]`
 * as a node does (node-answers.ts), chunked uploads held until complete and handed to arlocal
 * whole (arlocal's own chunk handling loops for ever on interleaved or repeated chunks, and one
 * interrupted upload stops its mining), and the fault switches. Held uploads live in memory.
 */
export function gatewayFront(db: ArlocalInstance['connection'], log: Logger): GatewayFront {
  const invalid = (message: string) => new ArweaveDevnetError(`arweave-devnet: ${message}`);
  const switches = new FaultSwitches(invalid);
  let unseenHeaders = 0;
  const unseenRoots = new Set<string>();
  const held = new Map<string, HeldUpload>(); // by data root
  const heldIds = new Set<string>();
  const dropped = new Set<string>(); // data roots of dropped transactions, for their chunks
  const admitting = new Set<string>(); // data roots complete and queued for arlocal
  const refused = new Map<string, string>(); // ids refused, with the node's error codes
  let admissions: Promise<unknown> = Promise.resolve();
  const arweave = Arweave.init({});
  let selfPort = 0;

  const rows = async <T>(sql: string, bindings: readonly unknown[] = []) => (await db.raw(sql, bindings)) as T[];
  const stateOf = async (id: string): Promise<'mined' | 'pending' | undefined> => {
    if (heldIds.has(id)) return 'pending';
    const [row] = await rows<{ block: string | null }>('SELECT block FROM transactions WHERE id = ? LIMIT 1', [id]);
    return row === undefined ? undefined : row.block ? 'mined' : 'pending';
  };
  const facts = arlocalFacts(rows);

  const postTx = async (text: string): Promise<TextAnswer> => {
    const tx = parseJson(text);
    if (!tx || typeof tx['id'] !== 'string') return { status: 400, text: NODE.invalidJson };
    const id = tx['id'];
    const dataRoot = typeof tx['data_root'] === 'string' ? tx['data_root'] : '';
    const size = Number(tx['data_size'] ?? 0);
    if (switches.takeDrop()) {
      if (dataRoot) keep(dropped, dataRoot);
      log.info({ id }, 'arweave-devnet fault: transaction answered 200 and dropped');
      return { status: 200, text: NODE.ok };
    }
    // A header arlocal has would, posted again without data, start its chunk-polling loop.
    const state = await stateOf(id);
    if (state === 'mined') return { status: 400, text: NODE.onTheWeave };
    if (state === 'pending') return { status: 208, text: NODE.alreadyProcessed };
    const refusal = await checkHeader(tx, facts);
    if (refusal) {
      if (refusal.codes) remember(refused, id, refusal.codes.join(' '));
      return { status: refusal.status, text: refusal.text };
    }
    refused.delete(id);
    if ((typeof tx['data'] === 'string' && tx['data'] !== '') || size === 0) {
      const answered = await askArlocal(selfPort, 'POST', '/tx', text);
      if (answered.status === 200) return { status: 200, text: NODE.ok };
      log.info({ id, status: answered.status, answer: answered.text.slice(0, 200) }, 'arweave-devnet: arlocal refused a transaction the front had checked');
      return answered;
    }
    // A header whose data follows as chunks: held until the chunks are complete.
    if (held.has(dataRoot)) return { status: 200, text: NODE.ok };
    held.set(dataRoot, { header: tx as HeldUpload['header'], size, chunks: new Map() });
    heldIds.add(id);
    if (unseenHeaders > 0) {
      unseenHeaders -= 1;
      keep(unseenRoots, dataRoot);
    }
    if (held.size > KEEP_MAX) {
      const [oldestRoot, oldest] = held.entries().next().value!;
      held.delete(oldestRoot);
      heldIds.delete(oldest.header.id);
    }
    return { status: 200, text: NODE.ok };
  };

  /** What each peer (a node) answers the chunk; the caller answers the ar.io tally of it. */
  const postChunk = async (text: string): Promise<TextAnswer> => {
    const chunk = parseJson(text);
    const dataRoot = typeof chunk?.['data_root'] === 'string' ? chunk['data_root'] : '';
    if (dropped.has(dataRoot) || admitting.has(dataRoot)) return { status: 200, text: '' };
    const upload = held.get(dataRoot);
    if (!upload) {
      if (dataRoot && (await rows('SELECT 1 FROM transactions WHERE data_root = ? LIMIT 1', [dataRoot])).length > 0) return { status: 200, text: '' };
      return { status: 400, text: '{"error":"data_root_not_found"}' };
    }
    if (unseenRoots.delete(dataRoot)) {
      log.info({ id: upload.header.id }, 'arweave-devnet fault: a chunk arrived before the peers saw its header');
      return { status: 400, text: '{"error":"data_root_not_found"}' };
    }
    const bytes = typeof chunk?.['chunk'] === 'string' ? Buffer.from(chunk['chunk'], 'base64url') : Buffer.alloc(0);
    const end = Number(chunk?.['offset']) + 1; // arweave-js sends the chunk's last byte offset
    const start = end - bytes.length;
    if (bytes.length === 0 || !Number.isSafeInteger(start) || start < 0 || end > upload.size) return { status: 400, text: '{"error":"invalid_proof"}' };
    upload.chunks.set(start, bytes);
    const data = assemble(upload);
    if (!data) return { status: 200, text: '' };
    held.delete(dataRoot);
    const { id } = upload.header;
    const check = arweave.transactions.fromRaw({ ...upload.header } as never);
    await check.prepareChunks(data);
    if (check.data_root !== dataRoot) {
      heldIds.delete(id);
      log.warn({ id }, 'arweave-devnet: the chunks do not hash to the data root; upload refused');
      return { status: 400, text: '{"error":"invalid_proof"}' };
    }
    // Stored: the chunk is answered now, and arlocal, which takes a while over a big bundle (an
    // insert per item and tag), gets complete transactions one at a time, pending meanwhile. A
    // transaction arlocal refuses now (checked when posted, so only its balance or anchor can
    // have run out since) leaves the mempool as on a node: its balance refusal kept as
    // `overspend` for GET /tx/{id}, anything else forgotten.
    admitting.add(dataRoot);
    const body = JSON.stringify({ ...upload.header, data: Buffer.from(data).toString('base64url') });
    admissions = admissions
      .then(async () => {
        const answered = await askArlocal(selfPort, 'POST', '/tx', body);
        if (answered.status !== 200 && (await stateOf(id)) === undefined) {
          if (answered.status === 410) remember(refused, id, 'overspend');
          log.info({ id, status: answered.status, answer: answered.text.slice(0, 200) }, 'arweave-devnet: arlocal refused a transaction uploaded in chunks');
        }
      })
      .catch((error: unknown) => log.warn({ err: error, id }, 'arweave-devnet: handing a complete upload to arlocal failed'))
      .finally(() => {
        heldIds.delete(id);
        admitting.delete(dataRoot);
      });
    return { status: 200, text: '' };
  };

  const getTx = async (id: string, status: boolean): Promise<TextAnswer> => {
    if (heldIds.has(id)) return { status: 202, text: NODE.pending };
    if (status) return nodeStatus(await askArlocal(selfPort, 'GET', `/tx/${id}/status`));
    const codes = refused.get(id);
    if (codes !== undefined) return { status: 410, text: codes };
    return nodeTx(await askArlocal(selfPort, 'GET', `/tx/${id}`));
  };

  const faults: ArweaveFaults = {
    status5xx: (count) => switches.status5xx(count),
    delay: (ms, count) => switches.delay(ms, count),
    drop: (count) => switches.drop(count),
    unseenHeaders(count) {
      if (!Number.isSafeInteger(count) || count < 0) throw invalid(`unseenHeaders must be a whole number ≥ 0, got ${count}`);
      unseenHeaders = count;
    },
    clear() {
      switches.clear();
      unseenHeaders = 0;
    },
    pending: () => ({ ...switches.pending(), unseenHeaders }),
  };

  return {
    setSelf(port) {
      selfPort = port;
    },
    settled: () => admissions.then(() => undefined),
    listener(arlocal) {
      return (req, res) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        if (req.headers[PASS_HEADER] === PASS_TOKEN) return arlocal(req, res);
        const tx = req.method === 'GET' ? TX.exec(path) : null;
        const fail = (error: unknown) => {
          log.warn({ err: error, path }, 'arweave-devnet: the gateway front failed');
          answer(res, 500, '{"error":"arweave-devnet front failed; see the devnet log"}');
        };
        if (tx) return void getTx(tx[1]!, tx[2] !== undefined).then((a) => answer(res, a.status, a.text), fail);
        if (req.method === 'POST' && path === '/chunk') {
          return void readBody(req, ARIO_CHUNK_BODY_LIMIT)
            .then(postChunk)
            .then((peers) => {
              const tally = arioChunkAnswer(peers.status);
              answer(res, tally.status, JSON.stringify(tally.body));
            })
            .catch((error: unknown) => (error instanceof TooLarge ? answer(res, 413, 'Payload Too Large') : fail(error)));
        }
        if (req.method !== 'POST' || path !== '/tx') return arlocal(req, res);
        if (switches.takeStatus5xx()) {
          req.resume();
          return answer(res, 503, '{"error":"arweave-devnet fault: unavailable"}');
        }
        const delay = switches.takeDelay();
        readBody(req, TX_BODY_LIMIT)
          .then(postTx)
          .then(async (result) => {
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            answer(res, result.status, result.text);
          })
          .catch((error: unknown) => (error instanceof TooLarge ? answer(res, 413, 'Payload too large') : fail(error)));
      };
    },
    faults,
  };
}
