// Starts an intake thread. The node runs its TypeScript through tsx, which a worker thread does not
// always inherit (it does not under vitest), so a .ts entry is loaded with tsx's own importer.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { tsImport } = await import('tsx/esm/api');
  await tsImport(workerData.entry, import.meta.url);
} else {
  await import(workerData.entry);
}
