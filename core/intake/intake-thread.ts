import { parentPort } from 'node:worker_threads';
import { signReceipts } from './intake-compute.ts';
import { prepareIntents } from './prepare-intents.ts';
import type { ThreadReply, ThreadTask, WirePrepared } from './intake-thread-protocol.ts';

// One intake thread: answers each task in the order received. A PublisherError does not survive
// structured cloning as itself, so refusals travel as their reason, message and metadata.
parentPort!.on('message', (task: ThreadTask) => {
  let reply: ThreadReply;
  try {
    if (task.op === 'prepare') {
      const results = prepareIntents(task.texts, task.limits, task.network).map(
        (p): WirePrepared => (p.ok ? p : { ok: false, error: { reason: p.error.reason, message: p.error.message, metadata: { ...p.error.metadata } } }),
      );
      reply = { id: task.id, ok: true, results };
    } else {
      reply = { id: task.id, ok: true, receipts: signReceipts(task.fields, task.key) };
    }
  } catch (error) {
    reply = { id: task.id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort!.postMessage(reply);
});
