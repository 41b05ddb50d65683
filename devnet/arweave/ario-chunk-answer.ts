/**
 * How an ar.io gateway answers `POST /chunk`, which its envoy always routes to the ar.io core
 * rather than to an Arweave node (ar-io/ar-io-node envoy/envoy.template.yaml, "POST /chunk always
 * goes to ario_gateways"). The core posts the chunk to its peers and answers with their tally, not
 * with what a peer said, so a node's `{"error":"data_root_not_found"}` never reaches the client.
 * Behaviour matched (not code copied) from ar-io/ar-io-node at dec86f85bb95:
 *
 * - src/routes/chunk/handlers.ts `createChunkPostHandler`: 200 with the tally when at least
 *   CHUNK_POST_MIN_SUCCESS_COUNT (3) peers, CHUNK_POST_MIN_PREFERRED_SUCCESS_COUNT (2) of them
 *   preferred, took it; otherwise `determineFailureStatusCode(results)` with the same tally as body.
 * - `determineFailureStatusCode`: the most common status of the failed peers (canceled 499, timed
 *   out 504, no answer 502; 500 when none failed), ties going to a 4xx, then to the lower code.
 * - src/arweave/composite-client.ts `broadcastChunk` / `postChunkToPeer`: a peer succeeds only
 *   with 200 (a node's 303 counts as a failure); results list every peer contacted as
 *   `{ peer, success, statusCode, canceled, timedOut }`; src/types.d.ts `BroadcastChunkResult`.
 * - src/routes/chunk/index.ts: express `json({ limit: 1024 * 256 * 1.4 })` before the handler, so a
 *   larger body is refused 413 by express itself, without a tally.
 */
export const ARIO_CHUNK_BODY_LIMIT = 1024 * 256 * 1.4;

/** The devnet's peers: ar.io's defaults post to 3 peers at once (CHUNK_POST_PEER_CONCURRENCY), 2 preferred. */
const PEERS = [
  { peer: 'http://peer-1.arweave-devnet.invalid:1984', preferred: true },
  { peer: 'http://peer-2.arweave-devnet.invalid:1984', preferred: true },
  { peer: 'http://peer-3.arweave-devnet.invalid:1984', preferred: false },
] as const;
const MIN_SUCCESS = 3;
const MIN_PREFERRED_SUCCESS = 2;

export interface PeerResult {
  peer: string;
  success: boolean;
  statusCode: number;
  canceled: boolean;
  timedOut: boolean;
}

export interface ArioChunkAnswer {
  status: number;
  body: { successCount: number; preferredSuccessCount: number; failureCount: number; results: PeerResult[] };
}

/**
 * The ar.io answer when every peer answered the chunk with `peerStatus` (one arlocal stands behind
 * all of them, so they agree).
 */
export function arioChunkAnswer(peerStatus: number): ArioChunkAnswer {
  const results = PEERS.map(({ peer }) => ({ peer, success: peerStatus === 200, statusCode: peerStatus, canceled: false, timedOut: false }));
  const successCount = results.filter((r) => r.success).length;
  const preferredSuccessCount = PEERS.filter((p, i) => p.preferred && results[i]!.success).length;
  const body = { successCount, preferredSuccessCount, failureCount: results.length - successCount, results };
  const met = successCount >= MIN_SUCCESS && preferredSuccessCount >= MIN_PREFERRED_SUCCESS;
  return { status: met ? 200 : failureStatus(results), body };
}

function failureStatus(results: readonly PeerResult[]): number {
  const counts = new Map<number, number>();
  for (const r of results.filter((result) => !result.success)) {
    const code = r.canceled ? 499 : r.timedOut ? 504 : r.statusCode === 0 ? 502 : r.statusCode;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let selected = 500;
  let most = 0;
  const is4xx = (code: number) => code >= 400 && code < 500;
  for (const [code, count] of counts) {
    const tieWins = count === most && ((is4xx(code) && !is4xx(selected)) || (is4xx(code) === is4xx(selected) && code < selected));
    if (count > most || tieWins) {
      most = Math.max(most, count);
      selected = code;
    }
  }
  return selected;
}
