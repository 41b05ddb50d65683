/**
 * The chains that come with the node, as module specifiers: the only place in server/ that names
 * them. Each is a plugin module of the same shape as an external one and is checked the same way;
 * the literal imports keep them in the CLI's bundle.
 */
export const BUILT_IN_PLUGINS: Readonly<Record<string, () => Promise<{ default?: unknown }>>> = {
  bsv: () => import('../../adapters/bsv/plugin.ts'),
  arweave: () => import('../../adapters/arweave/plugin.ts'),
};

/** chains.enabled when nothing says otherwise: every built-in chain. */
export const DEFAULT_CHAINS: readonly string[] = Object.keys(BUILT_IN_PLUGINS);
