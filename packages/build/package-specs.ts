/**
 * What each published package is built from. Sources stay where they are (core/, sdk/, server/, …):
 * a package is an esbuild bundle of its entry files, npm dependencies left as imports, plus the
 * declarations of everything its entries reach.
 */
export interface PackageSpec {
  /** Folder under packages/. */
  dir: string;
  /** Subpath ("." or "./verify") to the source file it exports, relative to the repository root. */
  entries: Record<string, string>;
  /** Files that are run, not imported: out name (no extension) to source; no declarations. */
  scripts?: Record<string, string>;
  platform: 'node' | 'neutral';
  /** Repository folders copied as they are: repository-relative path to a path under dist/. */
  copy?: Record<string, string>;
  /** Sources replaced while bundling: repository-relative path to a module file under packages/build/replacements. */
  replace?: Record<string, string>;
  /** Sources edited while bundling: repository-relative path to [text, replacement] pairs; a text not found fails the build. */
  patch?: Record<string, ReadonlyArray<readonly [string, string]>>;
  /** npm packages imported only on a path the installed package does not take by itself, left undeclared. */
  undeclared?: readonly string[];
  /** Imports of other packages' sources: repository-relative path to the package specifier it becomes. */
  externalSources?: Record<string, string>;
}

/** A chain package is built on the kit: the plugin and adapter contracts come from @chain-publisher/plugin-kit at run time. */
const ON_THE_KIT = { 'core/plugin/index.ts': '@chain-publisher/plugin-kit', 'core/adapter/index.ts': '@chain-publisher/plugin-kit/adapter' };

export const PACKAGES: readonly PackageSpec[] = [
  {
    dir: 'sdk',
    platform: 'neutral',
    entries: {
      '.': 'sdk/index.ts',
      './verify': 'sdk/verify/index.ts',
      './keys': 'sdk/keys/index.ts',
      './intent': 'sdk/intent/index.ts',
      './client': 'sdk/client/index.ts',
    },
  },
  {
    dir: 'api',
    platform: 'neutral',
    copy: { 'proto/publisher': 'proto/publisher' },
    entries: {
      './publisher/v1/common_pb': 'proto/gen/publisher/v1/common_pb.ts',
      './publisher/v1/node_pb': 'proto/gen/publisher/v1/node_pb.ts',
      './publisher/v1/publish_pb': 'proto/gen/publisher/v1/publish_pb.ts',
      './publisher/v1/log_pb': 'proto/gen/publisher/v1/log_pb.ts',
      './publisher/v1/key_pb': 'proto/gen/publisher/v1/key_pb.ts',
      './publisher/v1/funding_pb': 'proto/gen/publisher/v1/funding_pb.ts',
      './publisher/v1/audit_pb': 'proto/gen/publisher/v1/audit_pb.ts',
    },
  },
  {
    dir: 'plugin-kit',
    platform: 'node',
    entries: {
      '.': 'core/plugin/index.ts',
      './adapter': 'core/adapter/index.ts',
      './testing': 'kit/index.ts',
    },
    // The kit starts the node and the CLI of the installed @chain-publisher/node, not the repository's sources.
    patch: {
      'kit/spawn-node.ts': [
        ["['--import', 'tsx', 'server/main.ts', ...args]", "[installedNode('main'), ...args]"],
        ['cwd: root,', 'cwd: process.cwd(),'],
      ],
      'kit/run-cli.ts': [["fileURLToPath(new URL('../bin/publisher.mjs', import.meta.url))", "installedNode('cli')"]],
    },
  },
  {
    dir: 'bsv',
    platform: 'node',
    externalSources: ON_THE_KIT,
    entries: { '.': 'adapters/bsv/plugin.ts', './verifier': 'sdk/verify/bsv/bsv-verifier.ts' },
  },
  {
    dir: 'arweave',
    platform: 'node',
    externalSources: ON_THE_KIT,
    entries: { '.': 'adapters/arweave/plugin.ts', './verifier': 'sdk/verify/arweave/arweave-verifier.ts' },
  },
  {
    dir: 'node',
    platform: 'node',
    entries: {},
    scripts: { main: 'server/main.ts', cli: 'server/cli/main.ts', 'intake-thread': 'core/intake/intake-thread.ts' },
    patch: {
      // The installed node runs JavaScript only: a plugin in TypeScript is refused with what to do, tsx is never loaded.
      'server/plugins/import-plugin.ts': [
        [
          "const { register } = await import('tsx/esm/api');",
          'throw new Error(`${path} is TypeScript, and the installed node runs JavaScript only: publish the plugin compiled (docs/plugins.md)`, { cause: error });',
        ],
        ['    register();\n', ''],
      ],
    },
    replace: { 'server/http/web-page-bundle.ts': 'web-page-bundle.ts' },
    // The contracts from the kit too, so the node and its chains share one PluginSettingError and AdapterError.
    externalSources: { ...ON_THE_KIT, 'adapters/bsv/plugin.ts': '@chain-publisher/bsv', 'adapters/arweave/plugin.ts': '@chain-publisher/arweave' },
  },
];
