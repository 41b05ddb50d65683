import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary, type DescMethod, type DescService } from '@bufbuild/protobuf';
import { ConnectError, createContextValues, createServiceImplSpec, type ConnectRouter, type ContextValues, type HandlerContext, type ServiceImplSpec } from '@connectrpc/connect';
import { setTrailerStatus } from '@connectrpc/connect/protocol-grpc';
import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { PublisherError } from '../../../core/errors/index.ts';
import type { ServerLimits } from '../../config/index.ts';
import type { AdminCheck } from '../interceptors/admin-auth-interceptor.ts';
import { asConnectError } from '../interceptors/error-interceptor.ts';
import { relabelClientFaults } from './client-fault-statuses.ts';

/**
 * grpc-js answers a request its deserializer throws on with INTERNAL; a malformed request is the
 * caller's fault (api.md: no input yields INTERNAL), so the deserializer hands over this instead
 * and the handler answers INVALID_ARGUMENT / INVALID_REQUEST.
 */
class MalformedRequest {
  constructor(readonly error: PublisherError) {}
}

export interface NativeGrpcOptions {
  /** The same route builders the main port serves; only `services` of them are exposed here. */
  routes: (router: ConnectRouter) => void;
  services: readonly DescService[];
  host: string;
  port: number;
  maxReceiveBytes: number;
  /** Services of `services` whose calls need the admin token here too (LogService when `log.public` is false), and the check. */
  adminOnly?: { services: ReadonlySet<string>; check: AdminCheck; refused: () => void };
  /** Streams per connection and idle connections (server/config/server-limits.ts). */
  limits: Pick<ServerLimits, 'http2MaxConcurrentStreams' | 'idleTimeoutMs'>;
  log: Logger;
}

export interface NativeGrpcServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * A second, gRPC-only port served by `@grpc/grpc-js`, whose HTTP/2 and framing are faster than
 * connect-node's (docs/benchmarks.md). It runs the very handlers of the main port: the routes are
 * recorded instead of mounted, and each method is wrapped for grpc-js with the same error
 * mapping (code, message, and the ErrorDetail in `grpc-status-details-bin`) and request log.
 * Only unary and server-streaming methods are wrapped, and only the services named: the admin
 * services and reflection stay on the main port (docs/decisions.md). A service in `adminOnly`
 * answers only calls whose metadata carries the admin token, refused as on the main port.
 */
export async function startNativeGrpc(options: NativeGrpcOptions): Promise<NativeGrpcServer> {
  const { log } = options;
  relabelClientFaults();
  const wanted = new Set(options.services.map((s) => s.typeName));
  const specs = recordRoutes(options.routes).filter((spec) => wanted.has(spec.service.typeName));
  const server = new grpc.Server({
    'grpc.max_receive_message_length': options.maxReceiveBytes,
    'grpc.max_send_message_length': options.maxReceiveBytes,
    'grpc.max_concurrent_streams': options.limits.http2MaxConcurrentStreams,
    'grpc.max_connection_idle_ms': options.limits.idleTimeoutMs,
    'grpc-node.max_session_memory': 10,
  });
  for (const spec of specs) {
    const guard = options.adminOnly?.services.has(spec.service.typeName) ? options.adminOnly : undefined;
    /** Throws the main port's refusal (ADMIN_TOKEN_MISSING / _INVALID) for a call to a guarded service without the token. */
    const authorize = (metadata: grpc.Metadata) => {
      if (!guard) return;
      const header = metadata.get('authorization')[0];
      const refusal = guard.check(spec.service.typeName, typeof header === 'string' ? header : undefined);
      if (refusal) {
        guard.refused();
        throw refusal;
      }
    };
    const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
    const implementation: grpc.UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(spec.methods)) {
      if (method.kind !== 'unary' && method.kind !== 'server_streaming') continue;
      const desc = method.method;
      definition[name] = {
        path: `/${spec.service.typeName}/${desc.name}`,
        requestStream: false,
        responseStream: method.kind === 'server_streaming',
        requestSerialize: (message: unknown) => Buffer.from(toBinary(desc.input, message as never)),
        requestDeserialize: (bytes: Buffer) => {
          try {
            return fromBinary(desc.input, bytes);
          } catch (cause) {
            const why = cause instanceof Error ? cause.message : String(cause);
            return new MalformedRequest(new PublisherError('INVALID_REQUEST', `the request is not a valid ${desc.input.typeName} message: ${why}`));
          }
        },
        responseSerialize: (message: unknown) => Buffer.from(toBinary(desc.output, message as never)),
        responseDeserialize: (bytes: Buffer) => fromBinary(desc.output, bytes),
      };
      const procedure = `${spec.service.typeName}/${desc.name}`;
      const url = `http://${options.host}${definition[name]!.path}`;
      const context = (call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>, signal: () => AbortSignal) =>
        lazyContext({ service: spec.service, method: desc, url, metadata: call.metadata, signal });
      if (method.kind === 'unary') {
        implementation[name] = ((call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
          const started = performance.now();
          // Most unary handlers never look at the signal: it is made only when asked for.
          let controller: AbortController | undefined;
          call.once('cancelled', () => controller?.abort());
          const signal = () => {
            controller ??= new AbortController();
            if (call.cancelled) controller.abort();
            return controller.signal;
          };
          Promise.resolve()
            .then(() => {
              authorize(call.metadata);
              if (call.request instanceof MalformedRequest) throw call.request.error;
              return method.impl(call.request as never, context(call, signal));
            })
            .then(
              (output) => callback(null, create(desc.output, output as never)),
              (error: unknown) => callback(statusOf(asConnectError(error, procedure, log), procedure, call.metadata, started, log)),
            );
        }) as grpc.handleUnaryCall<unknown, unknown>;
      } else {
        implementation[name] = ((call: grpc.ServerWritableStream<unknown, unknown>) => {
          const started = performance.now();
          const controller = new AbortController();
          call.once('cancelled', () => controller.abort());
          (async () => {
            authorize(call.metadata);
            if (call.request instanceof MalformedRequest) throw call.request.error;
            for await (const output of method.impl(call.request as never, context(call, () => controller.signal))) {
              if (controller.signal.aborted) return;
              call.write(create(desc.output, output as never));
            }
            call.end();
          })().catch((error: unknown) => {
            // grpc-js ends a server stream with a status on 'error' (destroy() would send none).
            if (!controller.signal.aborted) call.emit('error', statusOf(asConnectError(error, procedure, log), procedure, call.metadata, started, log));
          });
        }) as grpc.handleServerStreamingCall<unknown, unknown>;
      }
    }
    server.addService(definition as grpc.ServiceDefinition, implementation);
  }

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${options.host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  log.info({ url: `http://${shownHost}:${port}`, services: specs.map((s) => s.service.typeName) }, 'native gRPC port listening (@grpc/grpc-js)');
  return {
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Finish in-flight calls, as the main port does; cut them after 10 s.
        const timer = setTimeout(() => server.forceShutdown(), 10_000).unref();
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * The handler context, built lazily: connect's createHandlerContext links three AbortSignals and
 * copies four Headers per call, which cost the native port ~10% of an empty call's CPU while
 * Publish reads none of them. Deadlines are grpc-js's business here (it ends an expired call).
 */
function lazyContext(init: { service: DescService; method: DescMethod; url: string; metadata: grpc.Metadata; signal: () => AbortSignal }): HandlerContext {
  let requestHeader: Headers | undefined;
  let responseHeader: Headers | undefined;
  let responseTrailer: Headers | undefined;
  let values: ContextValues | undefined;
  return {
    service: init.service,
    method: init.method,
    url: init.url,
    protocolName: 'grpc',
    requestMethod: 'POST',
    timeoutMs: () => undefined,
    get signal() {
      return init.signal();
    },
    get requestHeader() {
      return (requestHeader ??= headersOf(init.metadata));
    },
    get responseHeader() {
      return (responseHeader ??= new Headers());
    },
    get responseTrailer() {
      return (responseTrailer ??= new Headers());
    },
    get values() {
      return (values ??= createContextValues());
    },
  };
}

/** The services a route builder mounts, with their implementations, without mounting them. */
function recordRoutes(routes: (router: ConnectRouter) => void): ServiceImplSpec[] {
  const specs: ServiceImplSpec[] = [];
  const recorder = {
    service(service: DescService, impl: object) {
      specs.push(createServiceImplSpec(service, impl as never));
      return recorder;
    },
    rpc() {
      return recorder;
    },
    handlers: [],
  };
  routes(recorder as unknown as ConnectRouter);
  return specs;
}

function headersOf(metadata: grpc.Metadata): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(metadata.getMap())) {
    if (typeof value === 'string') headers.set(key, value);
  }
  return headers;
}

/** The status grpc-js sends: code and message as gRPC has them, the details as connect-es encodes them. */
function statusOf(error: ConnectError, procedure: string, metadata: grpc.Metadata, started: number, log: Logger): Partial<grpc.StatusObject> {
  const trailer = setTrailerStatus(new Headers(), error);
  const out = new grpc.Metadata();
  const details = trailer.get('grpc-status-details-bin');
  if (details) out.set('grpc-status-details-bin', Buffer.from(details, 'base64'));
  const incoming = metadata.get('x-request-id')[0];
  const requestId = typeof incoming === 'string' && incoming.length <= 128 ? incoming : randomUUID();
  out.set('x-request-id', requestId);
  log.info({ requestId, procedure, protocol: 'grpc-native', ms: Math.round(performance.now() - started), code: error.code, err: { message: error.rawMessage } }, 'rpc refused');
  return { code: error.code as number as grpc.status, details: error.rawMessage, metadata: out };
}

