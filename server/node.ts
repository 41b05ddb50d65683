import { hostname } from 'node:os';
import type { ConnectRouter } from '@connectrpc/connect';
import type { Logger } from 'pino';
import { pgLogReader, type CheckpointSigner } from '../core/audit/index.ts';
import { onEventLoop, startIntakeThreads, type IntakeContext } from '../core/intake/index.ts';
import { openStore, type Store } from '../core/store/index.ts';
import { Health } from '../proto/gen/grpc/health/v1/health_pb.ts';
import { AuditService } from '../proto/gen/publisher/v1/audit_pb.ts';
import { FundingService } from '../proto/gen/publisher/v1/funding_pb.ts';
import { KeyService } from '../proto/gen/publisher/v1/key_pb.ts';
import { LogService } from '../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../proto/gen/publisher/v1/publish_pb.ts';
import type { ChainRuntime } from './chains/chain-runtime.ts';
import { startChains, stopChains } from './chains/registry.ts';
import type { NodeConfig } from './config/index.ts';
import { dataPath, resolveDatabase } from './database.ts';
import { healthzRoute } from './http/healthz-route.ts';
import { followNow } from '../core/pipeline/index.ts';
import { CHAIN_ROUTES_PREFIX, chainRoutes } from './http/chain-routes.ts';
import { httpHandler } from './http/http-handler.ts';
import { LOG_PREFIX, logRoutes } from './http/log-routes.ts';
import { createResponseWatchdog } from './http/response-watchdog.ts';
import { listen, type ListeningServer } from './http/listen.ts';
import { webPageRoutes } from './http/web-page-route.ts';
import { metricsRoute } from './metrics/metrics-route.ts';
import { createNodeMetrics } from './metrics/node-metrics.ts';
import { processApplicationName } from './metrics/operations-gauges.ts';
import { startAdminRoutes } from './admin/admin-routes.ts';
import { monitorHealth } from './health-monitor.ts';
import { nodeInfo } from './node-info.ts';
import { loadLogSigner, operatorKeyOf } from './log-key-source.ts';
import { openNodeLog } from './open-node-log.ts';
import { createHealthRegistry, healthRoutes } from './rpc/health/index.ts';
import { adminAuthInterceptor, adminCheck } from './rpc/interceptors/admin-auth-interceptor.ts';
import { errorInterceptor } from './rpc/interceptors/error-interceptor.ts';
import { requestLogInterceptor } from './rpc/interceptors/request-log-interceptor.ts';
import { startNativeGrpc } from './rpc/native-grpc/native-grpc-server.ts';
import { reflectionRoutes } from './rpc/reflection/index.ts';
import { createRequestGate } from './rpc/request-gate.ts';
import { requestLimits } from './rpc/request-limits.ts';
import { rpcHandler } from './rpc/rpc-handler.ts';
import { auditServiceRoutes } from './rpc/services/audit-service.ts';
import { fundingServiceRoutes } from './rpc/services/funding-service.ts';
import { keyServiceRoutes } from './rpc/services/key-service.ts';
import { logServiceRoutes } from './rpc/services/log-service.ts';
import { nodeServiceRoutes } from './rpc/services/node-service.ts';
import { publishServiceRoutes } from './rpc/services/publish-service.ts';
import { createWatchHub } from './rpc/watch-hub.ts';
import { ensureSecretFile } from './secret-file.ts';
import { scanFundingOnStart, startWorkers } from './worker/start-workers.ts';

export interface RunningNode {
  url: string;
  /** The native gRPC port (`server.grpcPort`), if configured. */
  grpcUrl: string | undefined;
  adminToken: string;
  databaseUrl: string;
  store: Store;
  chains: ReadonlyMap<string, ChainRuntime>;
  /** The log key under the log's origin: what signs the log's checkpoints. */
  logSigner: CheckpointSigner;
  /** Graceful: stop accepting, finish in-flight calls and the current batch step, close the database. */
  close(): Promise<void>;
}

/** Services whose every method needs the admin token (api.md); LogService too when `log.public` is false. */
const ADMIN_SERVICES = [KeyService.typeName, FundingService.typeName, AuditService.typeName];

/** Public services, as served and as listed by reflection. */
export const PUBLISHER_SERVICES = [NodeService, PublishService, LogService, KeyService, FundingService, AuditService];

/** The composition root: chains, database, services, workers, one listening port. */
export async function startNode(config: NodeConfig, log: Logger): Promise<RunningNode> {
  // Before any chain starts: a log key file that cannot be read is a configuration error.
  const logSigner = await loadLogSigner(config);
  const chains = await startChains({ config, log, role: 'server', operatorKey: operatorKeyOf(logSigner) });
  const cleanup: (() => Promise<void>)[] = [() => stopChains(chains)];
  const unwind = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
  };
  try {
    const database = await resolveDatabase(config, log);
    cleanup.push(() => database.stop());
    const store = await openStore({ databaseUrl: database.url, log, applicationName: processApplicationName(config.inlineWorkers, hostname(), process.pid) });
    cleanup.push(() => store.close());
    const logHead = await openNodeLog(store.pool, logSigner);
    log.info({ logVerifierKey: logSigner.verifierKey, logSize: logHead.size }, 'transparency log open');

    const adminToken = config.adminToken ?? (await ensureSecretFile(dataPath(config, 'admin-token')));
    const compute = config.intent.threads > 0 ? await startIntakeThreads(config.intent.threads, log) : onEventLoop;
    cleanup.push(() => compute.close());
    const intake: IntakeContext = {
      pool: store.pool,
      limits: { maxEnvelopeBytes: config.intent.maxEnvelopeBytes, maxDepth: config.intent.maxDepth },
      windowMs: config.intent.timestampWindowMs,
      enabledTargets: new Set(chains.keys()),
      openRegistration: config.openRegistration,
      auditedRefusalsPerMinute: config.intent.auditedRefusalsPerMinute,
      defaultQuota: config.defaultQuota,
      network: config.network,
      logSigner,
      compute,
      now: () => Date.now(),
    };
    const adapters = new Map([...chains].map(([name, chain]) => [name, chain.adapter]));
    const metrics = createNodeMetrics(store.pool, [...chains].map(([chain, c]) => ({ chain, model: c.adapter.funding.model, unit: c.unit, anchorsLog: c.adapter.checkpoints !== undefined && config.logAnchorIntervalMs > 0 })));
    const health = createHealthRegistry();
    const watchHub = createWatchHub(store.pool, 500, log);
    cleanup.push(async () => watchHub.close());

    const routes = (router: ConnectRouter) => {
      healthRoutes(health)(router);
      reflectionRoutes([...PUBLISHER_SERVICES, Health])(router);
      nodeServiceRoutes(() => nodeInfo(config, chains, logSigner))(router);
      publishServiceRoutes({ intake, maxBatchIntents: config.intent.maxBatchIntents, groupsInFlight: config.intent.groupsInFlight, maxQueuedBytes: config.limits.intakeQueueBytes, watchHub, adapters, metrics })(router);
      logServiceRoutes(store.pool, logSigner, adapters)(router);
      keyServiceRoutes(store.pool, config.network, logSigner)(router);
      fundingServiceRoutes(store.pool, chains, logSigner)(router);
      auditServiceRoutes(store.pool, logSigner)(router);
    };
    const limits = requestLimits(config);
    const checkAdmin = adminCheck(adminToken);
    const adminServices = new Set(config.logPublic ? ADMIN_SERVICES : [...ADMIN_SERVICES, LogService.typeName]);
    const adminRefused = () => metrics.limitRefusals.inc({ limit: 'admin_token' });
    const gate = createRequestGate({
      limits: config.limits,
      maxBytes: (handler) => limits.maxBytes(handler.method),
      adminServices,
      adminCheck: checkAdmin,
      observe: (refusal) => metrics.limitRefusals.inc({ limit: refusal }),
    });
    metrics.watchBodyBytesInFlight(() => gate.bodyBytesInFlight());
    const rpc = rpcHandler({
      routes,
      log,
      interceptors: [requestLogInterceptor(log), errorInterceptor(log), adminAuthInterceptor(adminServices, checkAdmin)],
      maxBytes: limits.maxBytes,
      maxCompressionRatio: config.limits.maxCompressionRatio,
      gate,
    });

    await scanFundingOnStart(chains, store, log, logSigner);
    const monitor = monitorHealth(store, chains, health, PUBLISHER_SERVICES.map((s) => s.typeName), config.healthIntervalMs, log, () => metrics.operations.databaseFailures.inc());
    metrics.operations.watchChains(() => monitor.current());
    cleanup.push(async () => monitor.stop());
    if (config.inlineWorkers) {
      const observer = {
        batchSigned: (chain: string, records: number) => metrics.batchRecords.observe({ chain }, records),
        broadcastDone: (chain: string, outcome: string, seconds: number) => metrics.broadcastSeconds.observe({ chain, outcome }, seconds),
      };
      const workers = startWorkers(chains, store, log, observer, `server-${process.pid}`, logSigner, config.logAnchorIntervalMs);
      cleanup.push(() => workers.stop());
    }

    const native =
      config.grpcPort === null
        ? undefined
        : await startNativeGrpc({
            routes,
            services: [PublishService, NodeService, LogService, Health],
            host: config.host,
            port: config.grpcPort,
            maxReceiveBytes: limits.largest,
            adminOnly: { services: adminServices, check: checkAdmin, refused: adminRefused },
            limits: config.limits,
            log,
          });
    if (native) cleanup.push(() => native.close());
    const watchdog = createResponseWatchdog(config.limits.responseStallTimeoutMs, () => metrics.limitRefusals.inc({ limit: 'response_stall' }));
    cleanup.push(async () => watchdog.stop());
    const admin = startAdminRoutes({ pool: store.pool, chains, health: () => monitor.current(), inlineWorkers: config.inlineWorkers, metrics, check: checkAdmin, log });
    cleanup.push(async () => admin.stop());
    const handler = httpHandler({
      rpc,
      routes: { '/healthz': healthzRoute(monitor), '/metrics': metricsRoute(metrics.registry, log), ...webPageRoutes(log), ...admin.routes },
      prefixRoutes: { [LOG_PREFIX]: logRoutes(pgLogReader(store.pool), logSigner.verifierKey, log, config.logPublic ? undefined : { check: checkAdmin, refused: adminRefused }) },
      anyMethodRoutes: {
        [CHAIN_ROUTES_PREFIX]: chainRoutes({
          routes: new Map([...chains].map(([name, chain]) => [name, chain.routes])),
          maxBodyBytes: config.limits.smallRequestBytes,
          onNews: async (chain, txids) => void (await followNow(store.pool, chain, txids)),
          log,
        }),
      },
      corsOrigins: config.corsOrigins,
      watchdog,
      takeCall: (req) => gate.takePlainCall(req),
    });
    const server: ListeningServer = await listen(handler, config.host, config.port, config.limits, (limit) => metrics.limitRefusals.inc({ limit }));
    cleanup.push(() => server.close());
    log.info({ url: server.url, chains: [...chains.keys()] }, 'node listening (gRPC, gRPC-Web and Connect; HTTP/1.1 and h2c)');
    return {
      url: server.url,
      grpcUrl: native?.url,
      adminToken,
      databaseUrl: database.url,
      store,
      chains,
      logSigner,
      async close() {
        await unwind();
        log.info('node stopped');
      },
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
