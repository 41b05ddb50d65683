import { request, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import Arweave from 'arweave';
import type { Logger } from 'pino';
import { FaultSwitches } from '../fault-switches.ts';
import { assemble, type HeldUpload } from './chunk-assembly.ts';
import { ArweaveDevnetError } from './errors.ts';
import type { ArlocalInstance } from './load-arlocal.ts';

/** Marks a request the front sends to arlocal itself, so that it passes straight through. */
const PASS_HEADER = 'x-arweave-devnet-front';
const PASS_TOKEN = `${process.pid}-${Math.random().toString(36).slice(2)}`;
const TX_STATUS = /^\/tx\/([A-Za-z0-9_-]{43})\/status$/;
/** Held uploads, refusals and dropped roots kept at most: the oldest is forgotten first (its sender posts again). */
const KEEP_MAX = 1_000;

/** The devnet's fault switches, as tests see them. Counts are consumed by transaction posts (`POST /tx`), one per request; chunks of a dropped transaction are answered 200 and thrown away with it. */
export type ArweaveFaults = Pick<FaultSwitches, 'status5xx' | 'delay' | 'drop' | 'clear' | 'pending'>;
export type { FaultState as ArweaveFaultState } from '../fault-switches.ts';

export interface GatewayFront {
  /** Wraps arlocal's request listener. */
  listener(arlocal: RequestListener): RequestListener;
  /** Where the front reaches arlocal again (the server's own address), set once it listens. */
  setSelf(port: number): void;
  /** Resolves once every complete upload so far is in arlocal (or refused by it): mining waits for it. */
  settled(): Promise<void>;
  faults: FaultSwitches;
}

/**
 * What stands between clients and arlocal in the devnet, doing what arlocal does not:
 *
 * - Chunked uploads. arlocal 1.1.66 answers a bundle header posted without data by polling its
 *   chunk table in a loop until the chunks add up, a loop that never ends when chunks of two
 *   uploads interleave or arrive twice (its offsets are global), and its mine route throws on a
 *   bundle whose chunks are incomplete, so one interrupted upload stops all mining. The front
 *   holds such a header (answering `Pending` for it), collects its chunks, checks them against
 *   the signed data root, and hands arlocal the whole transaction at once, one at a time, after
 *   answering the last chunk, as a gateway that admits a transaction only with its data. What
 *   arlocal then refuses reads as 410 on its status. Held uploads live in memory: after a devnet
 *   restart the client finds the transaction unknown and posts it again, as on a real network.
 * - Fault switches for tests (`ArweaveFaults`).
 */
export function gatewayFront(db: ArlocalInstance['connection'], log: Logger): GatewayFront {
  const faults = new FaultSwitches((message) => new ArweaveDevnetError(`arweave-devnet: ${message}`));
  const held = new Map<string, HeldUpload>(); // by data root
  const heldIds = new Set<string>();
  const dropped = new Set<string>(); // data roots of dropped transactions, for their chunks
  const admitting = new Set<string>(); // data roots complete and queued for arlocal
  const refused = new Map<string, string>(); // ids arlocal refused once complete, with its answer
  let admissions: Promise<unknown> = Promise.resolve();
  const arweave = Arweave.init({});
  let selfPort = 0;

  const known = async (column: 'id' | 'data_root', value: string): Promise<boolean> => {
    const rows = (await db.raw(`SELECT 1 FROM transactions WHERE ${column} = ? LIMIT 1`, [value])) as unknown[];
    return rows.length > 0;
  };

  const forward = (path: string, body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: selfPort, path, method: 'POST', headers: { 'content-type': 'application/json', [PASS_HEADER]: PASS_TOKEN } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const postTx = async (text: string): Promise<{ status: number; text: string }> => {
    const tx = parseJson(text);
    // Whatever is not a transaction header is arlocal's to answer, as it always has.
    if (!tx || typeof tx['id'] !== 'string') return forward('/tx', text);
    const id = tx['id'];
    const dataRoot = typeof tx['data_root'] === 'string' ? tx['data_root'] : '';
    const size = Number(tx['data_size'] ?? 0);
    if (faults.takeDrop()) {
      if (dataRoot) keep(dropped, dataRoot);
      log.info({ id }, 'arweave-devnet fault: transaction answered 200 and dropped');
      return { status: 200, text: 'OK' };
    }
    const hasData = typeof tx['data'] === 'string' && tx['data'] !== '';
    if (hasData || size === 0) return forward('/tx', text);
    // A header without data for arlocal starts its chunk-polling loop even when it then refuses
    // the duplicate; a node answers a transaction it has with 208.
    if (await known('id', id)) return { status: 208, text: 'Transaction already processed.' };
    if (heldIds.has(id)) return { status: 200, text: 'OK' }; // already held, or being admitted
    refused.delete(id); // posted again: judged again
    // A header whose data follows as chunks: held until the chunks are complete.
    if (!held.has(dataRoot)) {
      held.set(dataRoot, { header: tx as HeldUpload['header'], size, chunks: new Map() });
      heldIds.add(id);
      if (held.size > KEEP_MAX) {
        const [oldestRoot, oldest] = held.entries().next().value!;
        held.delete(oldestRoot);
        heldIds.delete(oldest.header.id);
      }
    }
    return { status: 200, text: 'OK' };
  };

  const postChunk = async (text: string): Promise<{ status: number; text: string }> => {
    const chunk = parseJson(text);
    const dataRoot = typeof chunk?.['data_root'] === 'string' ? chunk['data_root'] : '';
    if (dropped.has(dataRoot) || admitting.has(dataRoot)) return { status: 200, text: '{}' };
    const upload = held.get(dataRoot);
    if (!upload) {
      if (dataRoot && (await known('data_root', dataRoot))) return { status: 200, text: '{}' };
      return { status: 400, text: '{"error":"data_root_not_found"}' };
    }
    const bytes = typeof chunk?.['chunk'] === 'string' ? Buffer.from(chunk['chunk'], 'base64url') : Buffer.alloc(0);
    const end = Number(chunk?.['offset']) + 1; // arweave-js sends the chunk's last byte offset
    const start = end - bytes.length;
    if (bytes.length === 0 || !Number.isSafeInteger(start) || start < 0 || end > upload.size) return { status: 400, text: '{"error":"invalid_proof"}' };
    upload.chunks.set(start, bytes);
    const data = assemble(upload);
    if (!data) return { status: 200, text: '{}' };
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
    // insert per item and tag), gets complete transactions one at a time. Meanwhile the status
    // stays Pending; if arlocal refuses it (its header checks: signature, anchor), the status
    // becomes 410 with arlocal's answer, as a node reports a transaction that failed verification.
    admitting.add(dataRoot);
    const body = JSON.stringify({ ...upload.header, data: Buffer.from(data).toString('base64url') });
    admissions = admissions
      .then(async () => {
        const answer = await forward('/tx', body);
        if (answer.status !== 200 && !(await known('id', id))) {
          refused.set(id, answer.text.slice(0, 200));
          if (refused.size > KEEP_MAX) refused.delete(refused.keys().next().value!);
          log.info({ id, status: answer.status, answer: answer.text.slice(0, 200) }, 'arweave-devnet: arlocal refused a transaction uploaded in chunks');
        }
      })
      .catch((error: unknown) => log.warn({ err: error, id }, 'arweave-devnet: handing a complete upload to arlocal failed'))
      .finally(() => {
        heldIds.delete(id);
        admitting.delete(dataRoot);
      });
    return { status: 200, text: '{}' };
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
        const status = req.method === 'GET' ? TX_STATUS.exec(path) : null;
        if (status && heldIds.has(status[1]!)) return answer(res, 200, 'Pending');
        if (status && refused.has(status[1]!)) return answer(res, 410, JSON.stringify({ error: 'tx_failed_verification', gateway: refused.get(status[1]!) }));
        if (req.method !== 'POST' || (path !== '/tx' && path !== '/chunk')) return arlocal(req, res);
        if (path === '/tx' && faults.takeStatus5xx()) {
          req.resume();
          return answer(res, 503, '{"error":"arweave-devnet fault: unavailable"}');
        }
        const delay = path === '/tx' ? faults.takeDelay() : 0;
        readBody(req)
          .then((text) => (path === '/tx' ? postTx(text) : postChunk(text)))
          .then(async (result) => {
            if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
            answer(res, result.status, result.text);
          })
          .catch((error: unknown) => {
            if (error instanceof TooLarge) return answer(res, 413, '{"error":"body over 15 MB"}');
            log.warn({ err: error, path }, 'arweave-devnet: the gateway front failed');
            answer(res, 500, '{"error":"arweave-devnet front failed; see the devnet log"}');
          });
      };
    },
    faults,
  };
}

function keep(set: Set<string>, value: string): void {
  set.add(value);
  if (set.size > KEEP_MAX) set.delete(set.values().next().value!);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** arlocal's own JSON body limit is 15 MB. */
const BODY_LIMIT = 15 * 1024 * 1024;

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (part: Buffer) => {
      size += part.length;
      if (size > BODY_LIMIT) {
        req.destroy();
        reject(new TooLarge());
      } else parts.push(part);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': text.startsWith('{') ? 'application/json' : 'text/plain' });
  res.end(text);
}
