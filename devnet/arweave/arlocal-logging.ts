import { format } from 'node:util';
import type { Logger } from 'pino';
import type { ArlocalLogging } from './load-arlocal.ts';

/**
 * Replaces arlocal's own logger, which prints to the console and appends every request line to a
 * file named `logs` in the process's working directory, whatever its `showLogs` flag says.
 */
export function arlocalLogging(log: Logger): ArlocalLogging {
  // arlocal logs whole transactions, data included: format them only when someone reads trace.
  const chatter = (...args: unknown[]): void => {
    if (log.isLevelEnabled('trace')) log.trace('arlocal: %s', format(...args));
  };
  return {
    log: chatter,
    info: chatter,
    warn: (...args) => log.warn('arlocal: %s', format(...args)),
    error: (...args) => log.warn('arlocal: %s', format(...args)),
    show: (_type, ...args) => chatter(...args),
    // Called by koa-logger only: [format, method, url, status, time, length] once a response is done.
    logInFile: (args) => {
      if (args.length > 3) log.debug({ method: args[1], url: args[2], status: args[3], time: args[4] }, 'arlocal request');
    },
  };
}
