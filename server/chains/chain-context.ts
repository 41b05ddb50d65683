import type { Logger } from 'pino';
import type { OperatorKey } from '../../core/plugin/index.ts';
import type { NodeConfig } from '../config/index.ts';

export interface ChainContext {
  config: NodeConfig;
  log: Logger;
  /**
   * `server` starts the dev profile's local chains; a `worker` process attaches to the ones a
   * server started (their addresses are kept in the data directory).
   */
  role: 'server' | 'worker';
  /** The log key, as plugins get it (PluginContext.operatorKey); read from the configuration as the node does when not given. */
  operatorKey?: OperatorKey;
}
