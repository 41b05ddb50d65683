// Load child: unary gRPC calls (Health/Check as the empty baseline, or Publish) with a fixed
// number of calls in flight over one HTTP/2 connection. Started by bench/run.ts as its own
// process, so the node and the load never share a thread. Prints one BENCH-RESULT line.
import { parseArgs } from 'node:util';
import { create, fromBinary, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import * as grpc from '@grpc/grpc-js';
import { Health, HealthCheckRequestSchema, HealthCheckResponseSchema } from '../proto/gen/grpc/health/v1/health_pb.ts';
import { PublishRequestSchema, PublishResponseSchema, PublishService } from '../proto/gen/publisher/v1/publish_pb.ts';
import { GrpcStatusError, h2GrpcClient } from './lib/h2-grpc.ts';
import { newCreators, signIntent } from './lib/intents.ts';
import { Samples, summarise } from './lib/latency.ts';
import { countInto, emitResult, markWindow } from './lib/load-result.ts';
import { presign } from './lib/presign.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    method: { type: 'string', default: 'publish' },
    concurrency: { type: 'string', default: '64' },
    'warmup-ms': { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '10000' },
    // >0: sign this many before the clock starts; 0: sign each intent just before sending it
    // (the memory run, whose intents must stay inside the node's 600 s time window).
    presign: { type: 'string', default: '0' },
    keys: { type: 'string', default: '256' },
    targets: { type: 'string', default: 'bsv' },
    // connect: @connectrpc/connect-node's gRPC transport; grpc-js: a @grpc/grpc-js client;
    // h2: bench/lib/h2-grpc.ts, unary gRPC on node:http2 with nothing else (the cheapest load).
    client: { type: 'string', default: 'connect' },
  },
});
const url = args.url ?? fail('--url is required');
const method = args.method === 'health' ? 'health' : args.method === 'publish' ? 'publish' : fail('--method is health or publish');
const concurrency = Number(args.concurrency);
const warmupMs = Number(args['warmup-ms']);
const durationMs = Number(args['duration-ms']);
const targets = args.targets.split(',');
const keys = Number(args.keys);

const clientKind = args.client === 'grpc-js' || args.client === 'connect' || args.client === 'h2' ? args.client : fail('--client is connect, grpc-js or h2');
const h2 = clientKind === 'h2' ? h2GrpcClient(url) : undefined;
async function h2Unary<I extends DescMessage, O extends DescMessage>(path: string, input: I, output: O, message: MessageInitShape<I>): Promise<MessageShape<O>> {
  try {
    return fromBinary(output, await h2!.unary(path, toBinary(input, create(input, message))));
  } catch (error) {
    throw error instanceof GrpcStatusError ? new ConnectError(error.message, error.code as Code) : error;
  }
}
const transport = createGrpcTransport({ baseUrl: url });
const connectPublish = createClient(PublishService, transport);
const connectHealth = createClient(Health, transport);
const native = new grpc.Client(new URL(url).host, grpc.credentials.createInsecure());
function nativeUnary<I extends DescMessage, O extends DescMessage>(path: string, input: I, output: O, message: MessageInitShape<I>): Promise<MessageShape<O>> {
  return new Promise((resolve, reject) => {
    native.makeUnaryRequest(
      path,
      (m: MessageShape<I>) => Buffer.from(toBinary(input, m)),
      (bytes: Buffer) => fromBinary(output, bytes),
      create(input, message),
      (error, response) => (error || !response ? reject(new ConnectError(error?.details ?? 'no response', (error?.code ?? Code.Unknown) as number as Code)) : resolve(response)),
    );
  });
}
const healthClient = {
  check: (req: MessageInitShape<typeof HealthCheckRequestSchema>) =>
    clientKind === 'connect'
      ? connectHealth.check(req)
      : (clientKind === 'h2' ? h2Unary : nativeUnary)('/grpc.health.v1.Health/Check', HealthCheckRequestSchema, HealthCheckResponseSchema, req),
};
const publishClient = {
  publish: (req: MessageInitShape<typeof PublishRequestSchema>) =>
    clientKind === 'connect'
      ? connectPublish.publish(req)
      : (clientKind === 'h2' ? h2Unary : nativeUnary)('/publisher.v1.PublishService/Publish', PublishRequestSchema, PublishResponseSchema, req),
};

// Intents: a pre-signed list, or signed on demand with our own keys.
const presignStarted = performance.now();
const pool = method === 'publish' && Number(args.presign) > 0 ? await presign(Number(args.presign), keys, targets) : null;
const presignS = (performance.now() - presignStarted) / 1_000;
const creators = method === 'publish' && !pool ? newCreators(keys) : [];
let serial = 0;
const nextIntent = (): string | undefined => (pool ? pool[serial++] : signIntent(creators[serial % creators.length]!, targets, serial++));

// One call of the chosen method; resolves to whether it was a fresh acceptance.
const call = async (): Promise<'fresh' | 'duplicate' | 'health' | 'exhausted'> => {
  if (method === 'health') {
    await healthClient.check({ service: '' });
    return 'health';
  }
  const intentJson = nextIntent();
  if (intentJson === undefined) return 'exhausted';
  const res = await publishClient.publish({ intentJson });
  return res.duplicate ? 'duplicate' : 'fresh';
};

// A first call opens the HTTP/2 session outside of any timing.
await healthClient.check({ service: '' });

const startedAt = performance.now();
const measureFrom = startedAt + warmupMs;
let measureTo = measureFrom + durationMs;
const marks = markWindow(measureFrom, measureTo);
const latencies = new Samples();
const errors: Record<string, number> = {};
let ok = 0;
let acceptedTotal = 0;
let duplicates = 0;
let exhausted = false;

async function lane(): Promise<void> {
  while (performance.now() < measureTo && !exhausted) {
    const t0 = performance.now();
    let outcome: Awaited<ReturnType<typeof call>> | Code;
    try {
      outcome = await call();
    } catch (error) {
      outcome = ConnectError.from(error).code;
    }
    const t1 = performance.now();
    if (outcome === 'exhausted') {
      if (!exhausted) {
        measureTo = Math.min(measureTo, t1);
        marks.end();
      }
      exhausted = true;
      return;
    }
    if (outcome === 'fresh') acceptedTotal += 1;
    if (outcome === 'duplicate') duplicates += 1;
    // Counted when the call completes inside the window; calls straddling its start count too,
    // those straddling its end do not (the window closes before they finish).
    if (t1 < measureFrom || t1 > measureTo) continue;
    if (typeof outcome === 'number') countInto(errors, Code[outcome]);
    else {
      ok += 1;
      latencies.push(t1 - t0);
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, lane));
marks.end();
const measuredS = Math.max(0, (measureTo - measureFrom) / 1_000);

emitResult({
  kind: 'unary',
  method,
  concurrency,
  measuredS,
  callsPerS: measuredS > 0 ? ok / measuredS : 0,
  ok,
  latencyMs: summarise(latencies.values()),
  errors,
  acceptedTotal,
  duplicates,
  exhausted,
  presignS,
});
process.exit(0); // the HTTP/2 session would keep the process alive

function fail(message: string): never {
  process.stderr.write(`load-unary: ${message}\n`);
  process.exit(2);
}
