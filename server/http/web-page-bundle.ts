import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** One file of the page, ready to serve. */
export interface WebAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** Strong validator: a hash of the body. */
  readonly etag: string;
}

export interface WebPageBundle {
  readonly assets: Readonly<Record<'index.html' | 'app.js' | 'app.css' | 'admin.html' | 'admin.js' | 'admin.css', WebAsset>>;
  readonly buildMs: number;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * web/app.ts (with the SDK) and web/app.css, and the admin page (web/admin), bundled and minified for browsers by esbuild, in memory.
 * esbuild is imported here, not at start-up, so a node that never serves the page never loads it.
 */
export async function buildWebPage(): Promise<WebPageBundle> {
  const started = performance.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['web/app.ts', 'web/app.css', 'web/admin/admin.ts', 'web/admin/admin.css'],
    outdir: 'web-out',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const output = (name: string): Uint8Array => {
    const file = result.outputFiles.find((candidate) => candidate.path === join(ROOT, 'web-out', name));
    if (file === undefined) throw new Error(`esbuild produced no ${name}`);
    return file.contents;
  };
  const [html, adminHtml] = await Promise.all([readFile(join(ROOT, 'web', 'index.html')), readFile(join(ROOT, 'web', 'admin', 'admin.html'))]);
  return {
    assets: {
      'index.html': asset('text/html; charset=utf-8', html),
      'app.js': asset('text/javascript; charset=utf-8', output('app.js')),
      'app.css': asset('text/css; charset=utf-8', output('app.css')),
      'admin.html': asset('text/html; charset=utf-8', adminHtml),
      'admin.js': asset('text/javascript; charset=utf-8', output('admin/admin.js')),
      'admin.css': asset('text/css; charset=utf-8', output('admin/admin.css')),
    },
    buildMs: Math.round(performance.now() - started),
  };
}

function asset(contentType: string, bytes: Uint8Array): WebAsset {
  const body = Buffer.from(bytes);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { contentType, body, gzip: gzipSync(body), etag };
}
