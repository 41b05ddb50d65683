import { parentPort, workerData } from 'node:worker_threads';
import { newCreators, signMany } from './intents.ts';

/** One signing thread of presign(): its own keys, its share of the intents. */
export interface SignJob {
  keys: number;
  targets: string[];
  count: number;
  firstSerial: number;
}

const job = workerData as SignJob;
parentPort!.postMessage(signMany(newCreators(job.keys), job.targets, job.count, job.firstSerial));
