import { describeAnswer, httpCall, jsonBody, type Answer } from '../http-get.ts';
import type { OnlineCheck, OnlineContext, OnlineFinding, OnlineSource } from '../online-checker.ts';

/**
 * The Block Headers Service (bitcoin-sv/block-headers-service), as bsv-blockchain/ts-sdk's
 * `BlockHeadersService` chain tracker calls it: `POST <url>/api/v1/chain/merkleroot/verify` with
 * `[{blockHeight, merkleRoot}]` answers `{confirmationState, confirmations: [{blockHash,
 * blockHeight, merkleRoot, confirmation}]}` (CONFIRMED: in the longest chain; UNABLE_TO_VERIFY:
 * the service is behind; INVALID: not in it), and `GET <url>/api/v1/chain/tip/longest` gives the
 * tip's `height`; both with `Authorization: Bearer <api key>`.
 */
export const bhsSource: OnlineSource = { option: 'bhs-url', api: 'a Block Headers Service', keyOption: 'bhs-api-key' };

export async function checkWithBhs(anchor: Readonly<Record<string, unknown>>, { index, api, apiKey, merkleRoot: root }: OnlineContext): Promise<OnlineFinding> {
  const result = (outcome: OnlineCheck['outcome'], detail: string) => ({ check: { name: 'bsv.block-header', anchor: index, outcome, detail } });
  if (root === undefined) return result('unchecked', 'the Merkle path names no block to look up (see bsv.merkle-path)');
  if (api === undefined) return result('unchecked', 'no Block Headers Service named: pass --bhs-url');
  const headers = { authorization: `Bearer ${apiKey ?? ''}` };
  const verified = await httpCall(`${api}/api/v1/chain/merkleroot/verify`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify([{ blockHeight: root.blockHeight, merkleRoot: root.merkleRoot }]),
  });
  const answer = jsonBody(verified);
  const confirmation = firstConfirmation(answer);
  const state = answer?.['confirmationState'];
  if (answer === undefined || typeof state !== 'string') return result('unchecked', `no usable answer from ${api}'s merkleroot/verify: ${unauthorized(verified) ?? describeAnswer(verified)}`);
  const at = `the Merkle root ${root.merkleRoot} at height ${root.blockHeight}`;
  if (state === 'INVALID') return result('failed', `${api} does not have ${at} in the longest chain`);
  if (state !== 'CONFIRMED') return result('unchecked', `${api} could not verify ${at} (${state}: it is behind the chain)`);
  const hash = typeof confirmation?.['blockHash'] === 'string' ? confirmation['blockHash'].toLowerCase() : undefined;
  if (root.blockHash !== undefined && hash !== undefined && hash !== '' && hash !== root.blockHash.toLowerCase()) {
    return result('failed', `${api} has ${at} in block ${hash}, not in ${root.blockHash} as the proof says`);
  }
  const tip = await httpCall(`${api}/api/v1/chain/tip/longest`, { headers });
  const height = jsonBody(tip)?.['height'];
  if (typeof height !== 'number') return result('unchecked', `${at} is in the longest chain, but ${api} gave no tip height: ${unauthorized(tip) ?? describeAnswer(tip)}`);
  const confirmations = height - root.blockHeight + 1;
  const claimed = anchor['confirmations'];
  if (typeof claimed === 'number' && confirmations < claimed) return result('failed', `${at} has ${confirmations} confirmations, fewer than the ${claimed} the proof claims (a reorganisation?)`);
  return result('ok', `${at} is in the longest chain with ${confirmations} confirmations (${api})`);
}

function firstConfirmation(answer: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const list = answer?.['confirmations'];
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}

function unauthorized(answer: Answer): string | undefined {
  return !('error' in answer) && answer.status === 401 ? 'HTTP 401: the service wants an API key (--bhs-api-key)' : undefined;
}
