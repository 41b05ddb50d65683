import { format } from 'node:util';
import type { Logger } from 'pino';

const METHODS = ['log', 'info', 'debug', 'warn', 'error'] as const;
type Method = (typeof METHODS)[number];

interface Capture {
  root: string;
  sinks: Logger[];
  originals: Record<Method, (...args: unknown[]) => void>;
}

let capture: Capture | undefined;

/**
 * arlocal writes to `console` directly (swallowed errors, validation failures). While a devnet
 * runs, console calls whose stack passes through arlocal's package directory go to the pino logger
 * of the newest running devnet instead; every other console call is untouched. Returns the undo.
 */
export function captureArlocalConsole(root: string, log: Logger): () => void {
  if (!capture) capture = install(root);
  const active = capture;
  active.sinks.push(log);
  return () => {
    const index = active.sinks.lastIndexOf(log);
    if (index >= 0) active.sinks.splice(index, 1);
    if (active.sinks.length === 0 && capture === active) {
      for (const method of METHODS) console[method] = active.originals[method];
      capture = undefined;
    }
  };
}

function install(root: string): Capture {
  const originals = Object.fromEntries(METHODS.map((m) => [m, console[m]])) as Capture['originals'];
  const active: Capture = { root, sinks: [], originals };
  for (const method of METHODS) {
    console[method] = (...args: unknown[]) => {
      const sink = active.sinks.at(-1);
      if (sink && (new Error().stack ?? '').includes(active.root)) {
        // arlocal logs what it swallowed: worth a warning; everything else is chatter.
        if (method === 'warn' || method === 'error') sink.warn('arlocal: %s', format(...args));
        else sink.debug('arlocal: %s', format(...args));
        return;
      }
      originals[method].apply(console, args);
    };
  }
  return active;
}
