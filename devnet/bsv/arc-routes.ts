import type { IncomingMessage } from 'node:http';
import { ArcError, arcProblem } from './arc-errors.ts';
import { isTxStatus } from './arc-status.ts';
import type { CallbackTarget } from './chain-events.ts';
import type { DevnetNode, SubmitAnswer, SubmitOptions } from './devnet-node.ts';
import type { Faults } from './faults.ts';
import { header, readBody, sendJson, type Route } from './http-util.ts';
import { bsvPerKb, policyMiningFee, type DevnetPolicy } from './policy.ts';
import { transactionsFromBody } from './request-body.ts';
import { sleep } from './sleep.ts';
import { txView, type TxView } from './tx-view.ts';

export interface ArcRouteDeps {
  node: DevnetNode;
  faults: Faults;
  policy: DevnetPolicy;
  /** Aborts delayed answers when the devnet stops. */
  stopped: AbortSignal;
  /** ARC's `api.rejectCallbackContaining`: a callback URL holding one of these is refused 400. */
  rejectCallbackContaining: readonly string[];
}

const DEFAULT_TIMEOUT_S = 5;
const MAX_TIMEOUT_S = 30;

/** ARC's REST API (pkg/api/arc.yaml, internal/api/handler/default.go), with its JSON field order. */
export function arcRoutes(deps: ArcRouteDeps): Route[] {
  const { node, faults, policy, stopped, rejectCallbackContaining } = deps;

  const broadcast =
    (many: boolean): Route['handler'] =>
    async (req, res) => {
      if (faults.takeStatus5xx()) return sendJson(res, 503, { message: 'Service Unavailable (bsv-devnet fault)' });
      const timeoutMs = maxTimeoutMs(req);
      const txs = transactionsFromBody(await readBody(req), header(req, 'content-type') ?? '', many);
      const answers = await node.submit(txs, submitOptions(req, timeoutMs, rejectCallbackContaining));
      const delay = faults.takeDelay();
      if (delay > 0) await sleep(delay, stopped);
      if (many) return sendJson(res, 200, answers.map(answerBody));
      const first = answers[0]!;
      sendJson(res, first.ok ? 200 : first.problem.status, answerBody(first));
    };

  return [
    { method: 'POST', path: /^\/v1\/tx$/, handler: broadcast(false) },
    { method: 'POST', path: /^\/v1\/txs$/, handler: broadcast(true) },
    {
      method: 'GET',
      path: /^\/v1\/tx\/([^/]+)$/,
      handler: async (_req, res, [txid]) => {
        const rec = node.record(txid!);
        // ARC knows only what it received itself, not what reached the network another way.
        if (!rec?.arcKnows) return sendJson(res, 404, arcProblem(404, 'transaction not found'));
        const { blockHash, blockHeight, competingTxs, extraInfo, merklePath, txStatus } = txView(rec);
        sendJson(res, 200, { blockHash, blockHeight, competingTxs: orNull(competingTxs), extraInfo, merklePath, timestamp: now(), txStatus, txid });
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/policy$/,
      handler: async (_req, res) =>
        sendJson(res, 200, {
          policy: {
            maxscriptsizepolicy: policy.maxScriptSizePolicy,
            maxtxsigopscountspolicy: policy.maxTxSigopsCountsPolicy,
            maxtxsizepolicy: policy.maxTxSizePolicy,
            miningFee: policyMiningFee(bsvPerKb(policy.minFeeSatPerKb)),
            standardFormatSupported: true,
          },
          timestamp: now(),
        }),
    },
    { method: 'GET', path: /^\/v1\/health$/, handler: async (_req, res) => sendJson(res, 200, { healthy: true, reason: null, version: 'bsv-devnet' }) },
  ];
}

/** X-MaxTimeout: seconds to wait for X-WaitFor, 5 by default, at most 30 (ARC's global.MaxTimeout). */
function maxTimeoutMs(req: IncomingMessage): number {
  const value = header(req, 'x-maxtimeout');
  if (value === undefined) return DEFAULT_TIMEOUT_S * 1000;
  if (!/^\d+$/.test(value)) throw new ArcError(400, `Invalid format for parameter X-MaxTimeout: ${JSON.stringify(value)} is not a whole number`);
  const seconds = Number(value);
  if (seconds > MAX_TIMEOUT_S) throw new ArcError(400, `max timeout can not be higher than ${MAX_TIMEOUT_S} `);
  return seconds * 1000;
}

function submitOptions(req: IncomingMessage, timeoutMs: number, rejectCallbackContaining: readonly string[]): SubmitOptions {
  const options: SubmitOptions = { timeoutMs };
  const waitFor = header(req, 'x-waitfor');
  if (waitFor !== undefined) {
    if (!isTxStatus(waitFor)) throw new ArcError(400, `status not supported\nstatus: ${waitFor}`);
    options.waitFor = waitFor;
  }
  const url = header(req, 'x-callbackurl');
  if (url !== undefined) options.callback = callbackTarget(req, url, rejectCallbackContaining);
  return options;
}

/** ARC's ValidateCallbackURL: url.ParseRequestURI, then none of the rejected substrings (400 either way). */
function callbackTarget(req: IncomingMessage, url: string, rejectCallbackContaining: readonly string[]): CallbackTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ArcError(400, `invalid callback URL\nparse ${JSON.stringify(url)}: invalid URI for request`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ArcError(400, `invalid callback URL\n${JSON.stringify(url)} is not an http(s) URL`);
  }
  if (rejectCallbackContaining.some((s) => url.includes(s))) throw new ArcError(400, 'callback URL not acceptable');
  const batch = header(req, 'x-callbackbatch') === 'true';
  return { url, token: header(req, 'x-callbacktoken') ?? '', full: header(req, 'x-fullstatusupdates') === 'true', ...(batch ? { batch } : {}) };
}

function answerBody(answer: SubmitAnswer): unknown {
  return answer.ok ? responseBody(answer.view) : answer.problem;
}

function responseBody(view: TxView): unknown {
  const { blockHash, blockHeight, competingTxs, extraInfo, merklePath, txStatus, txid } = view;
  return { blockHash, blockHeight, competingTxs: orNull(competingTxs), extraInfo, merklePath, status: 200, timestamp: now(), title: 'OK', txStatus, txid };
}

/** Go marshals an empty (nil) slice as null. */
function orNull(list: string[]): string[] | null {
  return list.length > 0 ? list : null;
}

function now(): string {
  return new Date().toISOString();
}
