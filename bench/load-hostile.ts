// Load child for the hostile scenario (bench/scenarios/hostile.ts), from its own loopback address:
// --role normal: a legitimate publisher with a registered key, paced at --rate calls/s (open loop:
// a slow answer does not delay the next call), retrying NODE_BUSY after its hint as a client should;
// --role attacker: as fast as it is answered, Publish with unregistered keys on most lanes,
// PublishBatch of 1,000 unregistered intents on a few, and gzip bombs (61 KB inflating to 60 MiB)
// to PublishBatch on one, until SIGTERM or the end of its window. Prints one BENCH-RESULT line.
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import http from 'node:http';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { secp256k1Scheme } from '../core/schemes/index.ts';
import { ErrorDetailSchema } from '../proto/gen/publisher/v1/common_pb.ts';
import { PublishService, type PublishBatchResponse } from '../proto/gen/publisher/v1/publish_pb.ts';
import { newCreators, signIntent, signMany, type Creator } from './lib/intents.ts';
import { Samples, summarise } from './lib/latency.ts';
import { countInto, emitResult, markWindow } from './lib/load-result.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    role: { type: 'string' },
    'local-address': { type: 'string' },
    // normal: the registered key (64 hex) and the pace.
    key: { type: 'string' },
    rate: { type: 'string', default: '50' },
    // attacker: calls in flight, of which batch and bomb lanes.
    concurrency: { type: 'string', default: '64' },
    'batch-lanes': { type: 'string', default: '4' },
    'bomb-lanes': { type: 'string', default: '1' },
    'warmup-ms': { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '10000' },
  },
});
const url = args.url ?? fail('--url is required');
const role = args.role === 'normal' || args.role === 'attacker' ? args.role : fail('--role is normal or attacker');
const localAddress = args['local-address'] ?? fail('--local-address is required');
const warmupMs = Number(args['warmup-ms']);
const durationMs = Number(args['duration-ms']);

const { hostname, port } = new URL(url);
const transport = createGrpcTransport({
  baseUrl: url,
  nodeOptions: { createConnection: () => net.connect({ host: hostname, port: Number(port), localAddress }) },
});
const publisher = createClient(PublishService, transport);

const describe = (error: unknown) => {
  const e = ConnectError.from(error);
  return `${Code[e.code]} ${e.findDetails(ErrorDetailSchema)[0]?.reason ?? '(no reason)'}`;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The window opens once the role's own preparation (keys, intents, the bomb) is done.
let measureFrom = Infinity;
let measureTo = Infinity;
const openWindow = () => {
  measureFrom = performance.now() + warmupMs;
  measureTo = measureFrom + durationMs;
  return markWindow(measureFrom, measureTo);
};
const inWindow = (t: number) => t >= measureFrom && t <= measureTo;
const outcomes: Record<string, number> = {};
let calls = 0;

if (role === 'normal') {
  const privateKey = Uint8Array.from(Buffer.from(args.key ?? fail('--key is required for --role normal'), 'hex'));
  const creator: Creator = { privateKey, publicKey: secp256k1Scheme.encodePublicKey(secp256k1Scheme.publicKeyFromPrivate(privateKey)) };
  const latencies = new Samples();
  let retries = 0;
  let serial = 0;
  const one = async (counted: boolean) => {
    const t0 = performance.now();
    const intentJson = signIntent(creator, ['bsv'], serial++);
    for (let attempt = 0; ; attempt++) {
      try {
        await publisher.publish({ intentJson }, { timeoutMs: 30_000 });
        if (counted) {
          latencies.push(performance.now() - t0);
          countInto(outcomes, 'ok');
        }
        return;
      } catch (error) {
        const hint = ConnectError.from(error).findDetails(ErrorDetailSchema)[0]?.metadata['retryAfterMs'];
        if (describe(error) === 'ResourceExhausted NODE_BUSY' && hint !== undefined && attempt < 10) {
          if (counted) retries += 1;
          await sleep(Number(hint));
          continue;
        }
        if (counted) countInto(outcomes, describe(error));
        return;
      }
    }
  };
  await one(false); // opens the connection outside of any timing
  const marks = openWindow();
  const gapMs = 1_000 / Number(args.rate);
  const pending: Promise<void>[] = [];
  for (let next = performance.now(); next < measureTo; next += gapMs) {
    await sleep(Math.max(0, next - performance.now()));
    const counted = inWindow(performance.now());
    if (counted) calls += 1;
    pending.push(one(counted));
  }
  await Promise.all(pending);
  marks.end();
  emitResult({ kind: 'hostile', role, measuredS: durationMs / 1_000, calls, latencyMs: summarise(latencies.values()), retries, outcomes });
} else {
  const strangers = newCreators(100);
  const unary = signMany(strangers, ['bsv'], 2_000);
  const batch = unary.slice(0, 1_000);
  const bomb = gzipSync(Buffer.concat([Buffer.from([0x7a, 0x80, 0x80, 0x80, 0x1e]), Buffer.alloc(60 << 20)]), { level: 9 });
  const marks = openWindow();
  // The orchestrator ends the attack with SIGTERM once the legitimate client is done; --duration-ms bounds it.
  let stopAt = measureTo;
  process.once('SIGTERM', () => (stopAt = Math.min(stopAt, performance.now())));
  const record = (t0: number, outcome: string) => {
    if (!inWindow(t0) || t0 > stopAt) return;
    calls += 1;
    countInto(outcomes, outcome);
  };
  const batchOutcome = (res: PublishBatchResponse) => {
    const reasons = new Set(res.results.map((r) => (r.result.case === 'refused' ? r.result.value.reason : 'accepted')));
    return `batch of ${res.results.length}: ${[...reasons].sort().join(', ')}`;
  };
  const bombCall = () =>
    new Promise<string>((resolve) => {
      const req = http.request(`${url}/publisher.v1.PublishService/PublishBatch`, { method: 'POST', agent: false, localAddress, headers: { 'content-type': 'application/proto', 'content-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string; message?: string };
            resolve(`bomb: ${json.code} ${json.message?.split(':')[0]}`);
          } catch {
            resolve(`bomb: HTTP ${res.statusCode}`);
          }
        });
        res.on('error', () => resolve('bomb: connection closed'));
      });
      req.on('error', () => resolve('bomb: connection closed'));
      req.end(bomb);
    });
  const concurrency = Number(args.concurrency);
  const batchLanes = Number(args['batch-lanes']);
  const bombLanes = Number(args['bomb-lanes']);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let i = lane; performance.now() < stopAt; i += concurrency) {
        const t0 = performance.now();
        if (lane < bombLanes) record(t0, await bombCall());
        else if (lane < bombLanes + batchLanes) record(t0, await publisher.publishBatch({ intentJsons: batch }, { timeoutMs: 30_000 }).then(batchOutcome, describe));
        else record(t0, await publisher.publish({ intentJson: unary[i % unary.length]! }, { timeoutMs: 30_000 }).then(() => 'ok', describe));
      }
    }),
  );
  marks.end();
  emitResult({ kind: 'hostile', role, measuredS: Math.max(0, stopAt - measureFrom) / 1_000, calls, latencyMs: summarise([]), retries: 0, outcomes });
}
process.exit(0);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
