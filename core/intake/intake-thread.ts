import { parentPort } from 'node:worker_threads';
import type { PublisherError } from '../errors/index.ts';
import { parseIntents, prepareIntents, verifySignatures } from './prepare-intents.ts';
import type { ThreadReply, ThreadTask, WireRefusal } from './intake-thread-protocol.ts';

// A PublisherError does not survive structured cloning as itself, so refusals travel as their
// reason, message and metadata.
const wire = (error: PublisherError): WireRefusal => ({ ok: false, error: { reason: error.reason, message: error.message, metadata: { ...error.metadata } } });

// One intake thread: answers each task in the order received.
parentPort!.on('message', (task: ThreadTask) => {
  let reply: ThreadReply;
  try {
    switch (task.op) {
      case 'prepare':
        reply = { id: task.id, ok: true, results: prepareIntents(task.texts, task.limits, task.network).map((p) => (p.ok ? p : wire(p.error))) };
        break;
      case 'parse':
        reply = { id: task.id, ok: true, parsed: parseIntents(task.texts, task.limits, task.network).map((p) => (p.ok ? p : wire(p.error))) };
        break;
      case 'verify':
        reply = { id: task.id, ok: true, verified: verifySignatures(task.checks) };
        break;
    }
  } catch (error) {
    reply = { id: task.id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  parentPort!.postMessage(reply);
});
