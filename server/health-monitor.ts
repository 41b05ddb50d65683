import type { Logger } from 'pino';
import type { Store } from '../core/store/index.ts';
import type { ChainRuntime } from './chains/chain-runtime.ts';
import { ServingStatus, type HealthRegistry } from './rpc/health/index.ts';
import { chainBalances } from './rpc/services/funding-service.ts';

const PROBE_TIMEOUT_MS = 3_000;

export interface ChainHealth {
  reachable: boolean;
  fundingLow: boolean;
  detail: string;
}

export interface NodeHealth {
  /** ok: all good; degraded: serving, but a chain is unreachable or low on funding; unavailable: no database. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: boolean;
  chains: Record<string, ChainHealth>;
}

export interface HealthMonitor {
  current(): NodeHealth;
  stop(): void;
}

/**
 * Probes the database and every chain (its adapter's health, its funding against the alarm
 * level) every `intervalMs`, and mirrors the result into the gRPC health registry: without a
 * database the node and every service are NOT_SERVING; a chain in trouble turns its own entry
 * (`publisher.chain.<name>`) NOT_SERVING and the node degraded, and both recover by themselves.
 */
export function monitorHealth(store: Store, chains: ReadonlyMap<string, ChainRuntime>, registry: HealthRegistry, services: readonly string[], intervalMs: number, log: Logger, onDatabaseFailure: () => void = () => undefined): HealthMonitor {
  let state: NodeHealth = { status: 'ok', database: true, chains: {} };
  const probe = async () => {
    const database = await within(store.pool.query('SELECT 1').then(() => true), false);
    if (!database) onDatabaseFailure();
    const balances = database ? await within(chainBalances(store.pool, chains), []) : [];
    const health: Record<string, ChainHealth> = {};
    for (const [name, chain] of chains) {
      const adapterHealth = await within(chain.adapter.health(), { ok: false, detail: `no answer within ${PROBE_TIMEOUT_MS} ms` });
      const balance = balances.find((b) => b.chain === name);
      health[name] = { reachable: adapterHealth.ok, fundingLow: balance?.low ?? false, detail: adapterHealth.detail };
      registry.set(`publisher.chain.${name}`, adapterHealth.ok && !balance?.low ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }
    const troubled = Object.values(health).some((c) => !c.reachable || c.fundingLow);
    const next: NodeHealth = { status: !database ? 'unavailable' : troubled ? 'degraded' : 'ok', database, chains: health };
    // The details (endpoints, errors) are for the operator: /healthz answers with states only.
    if (changed(state, next)) log[next.status === 'ok' ? 'info' : 'warn']({ health: next }, `node health: ${next.status}`);
    state = next;
    for (const service of ['', ...services]) registry.set(service, database ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  };
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    probe()
      .catch((error: unknown) => log.error({ err: error }, 'health probe failed'))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return { current: () => state, stop: () => clearInterval(timer) };
}

function changed(before: NodeHealth, after: NodeHealth): boolean {
  if (before.status !== after.status) return true;
  return Object.entries(after.chains).some(([name, chain]) => before.chains[name]?.reachable !== chain.reachable || before.chains[name]?.fundingLow !== chain.fundingLow);
}

function within<T>(work: Promise<T>, fallback: T): Promise<T> {
  return Promise.race([work.catch(() => fallback), new Promise<T>((resolve) => setTimeout(() => resolve(fallback), PROBE_TIMEOUT_MS).unref())]);
}
