#!/usr/bin/env node
// The `publisher` command: the bundled CLI (bin/cli-bundle.mjs), or the TypeScript sources through
// tsx where no bundle can be written (a read-only install).
import { pathToFileURL, fileURLToPath } from 'node:url';
import { cliBundle } from './cli-bundle.mjs';

const bundle = process.env['PUBLISHER_CLI_FROM_SOURCES'] ? undefined : await cliBundle();
if (bundle !== undefined) {
  // Stacks (--verbose) name the sources; reading the maps costs start-up time, so only then.
  if (process.argv.includes('--verbose') || process.argv.includes('-v')) process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  // The project's own tsconfig, so the sources compile the same from whatever directory this runs in.
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  await import('../server/cli/main.ts');
}
