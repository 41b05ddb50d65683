import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/**
 * server/http/web-page-bundle.ts in the installed node: the page was bundled when the package was
 * built (packages/build), so the node reads it from dist/web instead of running esbuild on sources.
 */
export interface WebAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

type AssetName = 'index.html' | 'app.js' | 'app.css' | 'admin.html' | 'admin.js' | 'admin.css';

export interface WebPageBundle {
  readonly assets: Readonly<Record<AssetName, WebAsset>>;
  readonly buildMs: number;
}

const TYPES: Readonly<Record<AssetName, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'admin.html': 'text/html; charset=utf-8',
  'admin.js': 'text/javascript; charset=utf-8',
  'admin.css': 'text/css; charset=utf-8',
};

export async function buildWebPage(): Promise<WebPageBundle> {
  const started = performance.now();
  const names = Object.keys(TYPES) as AssetName[];
  const bodies = await Promise.all(names.map((name) => readFile(new URL(`./web/${name}`, import.meta.url))));
  const assets = Object.fromEntries(names.map((name, i) => [name, asset(TYPES[name], bodies[i]!)])) as Record<AssetName, WebAsset>;
  return { assets, buildMs: Math.round(performance.now() - started) };
}

function asset(contentType: string, body: Buffer): WebAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { contentType, body, gzip: gzipSync(body), etag };
}
