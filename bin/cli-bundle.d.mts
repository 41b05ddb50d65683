/** The bundled CLI's entry file in `dir` (default dist/cli), built first if missing or stale; undefined when it cannot be built. */
export function cliBundle(dir?: string): Promise<string | undefined>;
/** The current build's directory name in `dir` if it is fresh, else undefined. */
export function freshBuild(dir: string): string | undefined;
/** esbuild's build options for the bundle, written to `outdir`. */
export function bundleOptions(outdir: string): import('esbuild').BuildOptions & { metafile: true };
