import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInHeader {
  height: number;
  hash: string;
  merkleRoot: string;
}

export interface BhsRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

/**
 * A stand-in for the Block Headers Service (bitcoin-sv/block-headers-service), answering as its
 * source does, for the two calls ts-sdk's BlockHeadersService chain tracker makes:
 * - `POST /api/v1/chain/merkleroot/verify` (transports/http/endpoints/api/merkleroots): a JSON array
 *   of `{merkleRoot, blockHeight}`, else 400 with the bind error as a JSON string; an empty one 400
 *   `ErrVerifyMerklerootsBadBody`; each item CONFIRMED when the longest chain has that root at that
 *   height (with its `blockHash`), UNABLE_TO_VERIFY when the height is past the tip by at most
 *   `max_block_height_excess` (6 by default), else INVALID (`blockHash` ""); `confirmationState`
 *   the worst of them (repository/dto/headers.go, model.go);
 * - `GET /api/v1/chain/tip/longest`: `{header, state, chainWork, height}` (endpoints/api/tips);
 * both behind its token check: 401 `ErrMissingAuthHeader` / `ErrInvalidAccessToken` (bhserrors).
 */
export async function startBhsStandIn(options: { apiKey: string; headers: StandInHeader[]; tipHeight: number }) {
  const requests: BhsRequest[] = [];
  const state = { tipHeight: options.tipHeight, headers: options.headers };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? '', path, authorization, body });
      const send = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(json));
      if (authorization === undefined || authorization === '') return send(401, { code: 'ErrMissingAuthHeader', message: 'empty auth header' });
      if (authorization !== `Bearer ${options.apiKey}`) return send(401, { code: 'ErrInvalidAccessToken', message: 'invalid access token' });
      if (req.method === 'GET' && path === '/api/v1/chain/tip/longest') {
        const tip = state.headers.find((h) => h.height === state.tipHeight);
        return send(200, {
          header: { hash: tip?.hash ?? '00'.repeat(32), version: 536870912, prevBlockHash: '00'.repeat(32), merkleRoot: tip?.merkleRoot ?? '00'.repeat(32), creationTimestamp: 1700000000, difficultyTarget: 545259519, nonce: 0, work: 2 },
          state: 'LONGEST_CHAIN',
          chainWork: 2 * (state.tipHeight + 1),
          height: state.tipHeight,
        });
      }
      if (req.method === 'POST' && path === '/api/v1/chain/merkleroot/verify') {
        let items: unknown;
        try {
          items = JSON.parse(body);
        } catch (error) {
          return send(400, (error as Error).message);
        }
        if (!Array.isArray(items)) return send(400, 'json: cannot unmarshal object into Go value of type []domains.MerkleRootConfirmationRequestItem');
        if (items.length === 0) return send(400, { code: 'ErrVerifyMerklerootsBadBody', message: 'at least one merkleroot is required' });
        const rank = { CONFIRMED: 0, UNABLE_TO_VERIFY: 1, INVALID: 2 } as const;
        let worst: keyof typeof rank = 'CONFIRMED';
        const confirmations = items.map((item: { merkleRoot?: string; blockHeight?: number }) => {
          const found = state.headers.find((h) => h.height === item.blockHeight && h.merkleRoot === item.merkleRoot && h.height <= state.tipHeight);
          const height = item.blockHeight ?? 0;
          const confirmation: keyof typeof rank = found ? 'CONFIRMED' : height > state.tipHeight && height - state.tipHeight <= 6 ? 'UNABLE_TO_VERIFY' : 'INVALID';
          if (rank[confirmation] > rank[worst]) worst = confirmation;
          return { blockHash: found?.hash ?? '', blockHeight: height, merkleRoot: item.merkleRoot ?? '', confirmation };
        });
        return send(200, { confirmationState: worst, confirmations });
      }
      send(404, { code: 'ErrNotFound', message: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
