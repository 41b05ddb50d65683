import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/**
 * server/http/web-page-bundle.ts in the installed node: the page was bundled when the package was
 * built (packages/build), so the node reads it from dist/web, whose assets.json names each file and
 * its content type, instead of running esbuild on sources.
 */
export interface WebAsset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
}

export interface WebPageBundle {
  readonly assets: Readonly<Record<string, WebAsset>>;
  readonly buildMs: number;
}

export async function buildWebPage(): Promise<WebPageBundle> {
  const started = performance.now();
  const types = JSON.parse(await readFile(new URL('./web/assets.json', import.meta.url), 'utf8')) as Record<string, string>;
  const names = Object.keys(types);
  const bodies = await Promise.all(names.map((name) => readFile(new URL(`./web/${name}`, import.meta.url))));
  const assets = Object.fromEntries(names.map((name, i) => [name, asset(types[name]!, bodies[i]!)]));
  return { assets, buildMs: Math.round(performance.now() - started) };
}

function asset(contentType: string, body: Buffer): WebAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { contentType, body, gzip: gzipSync(body), etag };
}
