import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The gzipped size the verify-only entry should stay under (issue 23). */
export const VERIFY_BUDGET_BYTES = 30 * 1024;

export interface BundleSize {
  label: string;
  /** What the bundled page imports. */
  source: string;
  minified: number;
  gzipped: number;
  /** npm packages in the bundle, with their share of the minified bytes. */
  packages: Record<string, number>;
}

/**
 * What a browser page downloads for the built SDK: esbuild bundles (minified, dependencies
 * included) of a page importing the whole SDK, the verify entry, and only verifyProof from the
 * main entry (tree-shaking). A verify page that pulls the client or protobuf fails the build.
 */
export async function measureSdk(dir: string): Promise<BundleSize[]> {
  const dist = join(dir, 'dist');
  const pages = [
    { label: 'full SDK (@chain-publisher/sdk, every export)', source: `export * from ${JSON.stringify(join(dist, 'index.js'))};` },
    { label: 'verify entry (@chain-publisher/sdk/verify, every export)', source: `export * from ${JSON.stringify(join(dist, 'verify.js'))};` },
    { label: 'verifyProof alone, imported from @chain-publisher/sdk', source: `export { verifyProof } from ${JSON.stringify(join(dist, 'index.js'))};` },
  ];
  const sizes: BundleSize[] = [];
  for (const page of pages) {
    const result = await build({
      stdin: { contents: page.source, resolveDir: dir, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = result.outputFiles[0]!.contents;
    const packages: Record<string, number> = {};
    for (const [input, use] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? '(sdk)';
      packages[name] = (packages[name] ?? 0) + use.bytesInOutput;
    }
    sizes.push({ label: page.label, source: page.source, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length, packages });
  }
  for (const size of sizes.slice(1)) {
    const pulled = Object.keys(size.packages).filter((name) => name.startsWith('@connectrpc/') || name.startsWith('@bufbuild/'));
    if (pulled.length > 0) throw new Error(`${size.label} pulls ${pulled.join(', ')}: a verify-only page must not download the client`);
  }
  return sizes;
}

const BEGIN = '<!-- bench:sdk-size begin (npm run build:packages rewrites this section) -->';
const END = '<!-- bench:sdk-size end -->';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The "SDK bundle size" section of docs/benchmarks.md, between markers so it can be rewritten alone. */
export function sdkSizeSection(sizes: readonly BundleSize[], at: Date): string {
  const rows = sizes.map((s) => {
    const top = Object.entries(s.packages)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    return `| ${s.label} | ${kb(s.minified)} | ${kb(s.gzipped)} | ${top} |`;
  });
  const verify = sizes[1]!;
  return [
    BEGIN,
    '## SDK bundle size',
    '',
    `Target: the verify-only entry under ${kb(VERIFY_BUDGET_BYTES)} gzipped (issue 23); the full SDK reported.`,
    '',
    `Measured ${at.toISOString()} by \`npm run build:packages\`: the built package (packages/sdk/dist) bundled for a browser page by esbuild with its dependencies, minified, then gzipped (level 9). Largest parts by minified bytes in the last column.`,
    '',
    '| page imports | minified | gzipped | largest parts (minified) |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
    `Verdict: verify entry ${kb(verify.gzipped)} gzipped, ${verify.gzipped <= VERIFY_BUDGET_BYTES ? 'within' : 'over'} the ${kb(VERIFY_BUDGET_BYTES)} budget; it pulls neither the client (@connectrpc) nor protobuf (@bufbuild), which the build checks.`,
    END,
  ].join('\n');
}

/** The report with its SDK size section replaced, or inserted before the CLI's section, the load averages, or at the end. */
export function withSdkSizeSection(report: string, section: string): string {
  const begin = report.indexOf(BEGIN);
  const end = report.indexOf(END);
  if (begin >= 0 && end > begin) return `${report.slice(0, begin)}${section}${report.slice(end + END.length)}`;
  for (const heading of ['\n<!-- bench:cli begin', '\n## Load average around each measurement']) {
    const anchor = report.indexOf(heading);
    if (anchor >= 0) return `${report.slice(0, anchor + 1)}${section}\n\n${report.slice(anchor + 1)}`;
  }
  return `${report.trimEnd()}\n\n${section}\n`;
}

/** `report` with the SDK size section of `previous` (a report rewritten whole keeps it), if it had one. */
export function keptSdkSizeSection(previous: string, report: string): string {
  const begin = previous.indexOf(BEGIN);
  const end = previous.indexOf(END);
  return begin >= 0 && end > begin ? withSdkSizeSection(report, previous.slice(begin, end + END.length)) : report;
}
