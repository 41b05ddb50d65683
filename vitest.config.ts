import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const { name, exports } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { name: string; exports: Record<string, string> };

export default defineConfig({
  resolve: {
    // The package's own entry points (package.json "exports") under its published name, for the
    // plugin packages kept in examples/, as an installed chain-publisher resolves them.
    alias: Object.entries(exports).map(([subpath, file]) => ({ find: new RegExp(`^${name}${subpath.slice(1)}$`), replacement: fileURLToPath(new URL(file, import.meta.url)) })),
  },
  test: {
    include: ['test/**/*.test.ts', 'core/**/*.test.ts', 'adapters/**/*.test.ts', 'server/**/*.test.ts', 'devnet/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Hang guards, not speed limits: the suite must pass on a busy machine (no test asserts a duration).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
