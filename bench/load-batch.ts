// Load child: PublishBatch with batches of a fixed size and a few calls in flight, over one
// HTTP/2 connection (gRPC). Two modes: --duration-ms (throughput, after a warm-up) or --count
// (push exactly that many records as fast as the node takes them; the end-to-end benches then
// watch them reach the chain). Prints one BENCH-RESULT line.
import { parseArgs } from 'node:util';
import { ConnectError, Code, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { Health } from '../proto/gen/grpc/health/v1/health_pb.ts';
import { PublishService } from '../proto/gen/publisher/v1/publish_pb.ts';
import { Samples, summarise } from './lib/latency.ts';
import { countInto, emitResult, markWindow } from './lib/load-result.ts';
import { presign } from './lib/presign.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'batch-size': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    'warmup-ms': { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '0' },
    count: { type: 'string', default: '0' },
    presign: { type: 'string', default: '0' },
    keys: { type: 'string', default: '256' },
    targets: { type: 'string', default: 'bsv' },
  },
});
const url = args.url ?? fail('--url is required');
const batchSize = Number(args['batch-size']);
const concurrency = Number(args.concurrency);
const count = Number(args.count);
const countMode = count > 0;
const warmupMs = countMode ? 0 : Number(args['warmup-ms']);
const durationMs = countMode ? Number.POSITIVE_INFINITY : Number(args['duration-ms']);
if (!countMode && !(durationMs > 0)) fail('give --count or --duration-ms');

const presignStarted = performance.now();
const pool = await presign(countMode ? count : Number(args.presign), Number(args.keys), args.targets.split(','));
const presignS = (performance.now() - presignStarted) / 1_000;

const transport = createGrpcTransport({ baseUrl: url });
const client = createClient(PublishService, transport);
await createClient(Health, transport).check({ service: '' }); // opens the HTTP/2 session untimed

const startedAt = performance.now();
const sendingFrom = Date.now();
const measureFrom = startedAt + warmupMs;
let measureTo = measureFrom + durationMs;
const marks = markWindow(measureFrom, measureTo);
let taken = 0;
let exhausted = false;
let intentsInWindow = 0;
let batchesOk = 0;
let acceptedTotal = 0;
let lastDoneAt = 0;
const latencies = new Samples();
const errors: Record<string, number> = {};
const refused: Record<string, number> = {};

async function lane(): Promise<void> {
  while (performance.now() < measureTo) {
    const intentJsons = pool.slice(taken, taken + batchSize);
    taken += intentJsons.length;
    if (intentJsons.length === 0) {
      if (!countMode && !exhausted) {
        measureTo = Math.min(measureTo, performance.now());
        marks.end();
      }
      exhausted = !countMode;
      return;
    }
    const t0 = performance.now();
    let accepted = 0;
    let code: Code | undefined;
    try {
      const res = await client.publishBatch({ intentJsons }, { timeoutMs: 120_000 });
      for (const r of res.results) {
        if (r.result.case === 'accepted') accepted += 1;
        else countInto(refused, r.result.value?.reason ?? 'UNKNOWN');
      }
    } catch (error) {
      code = ConnectError.from(error).code;
    }
    const t1 = performance.now();
    acceptedTotal += accepted;
    if (code === undefined) lastDoneAt = Date.now();
    if (t1 < measureFrom || t1 > measureTo) continue;
    if (code !== undefined) countInto(errors, Code[code]);
    else {
      batchesOk += 1;
      intentsInWindow += accepted;
      latencies.push(t1 - t0);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
marks.end();
const endedAt = performance.now();
const measuredS = Math.max(0, (Math.min(measureTo, endedAt) - measureFrom) / 1_000);

emitResult({
  kind: 'batch',
  batchSize,
  concurrency,
  measuredS,
  intentsPerS: measuredS > 0 ? intentsInWindow / measuredS : 0,
  batchesOk,
  batchLatencyMs: summarise(latencies.values()),
  errors,
  refused,
  acceptedTotal,
  exhausted,
  presignS,
  sendingFrom,
  lastDoneAt,
});
process.exit(0);

function fail(message: string): never {
  process.stderr.write(`load-batch: ${message}\n`);
  process.exit(2);
}
