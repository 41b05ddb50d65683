// The BSV devnet as a process of its own, for benchmarks that keep the chain out of the node's
// event loop (bench/harness/node-process.ts starts it). Prints one line, DEVNET {"arcUrl", "wocUrl"},
// when it serves, and stops on SIGTERM. The funded address gets 5 outputs of 10 BSV in block 1.
import pino from 'pino';
import { startBsvDevnet } from '../devnet/bsv/index.ts';

const dir = process.env['BENCH_DEVNET_DIR'];
const address = process.env['BENCH_FUNDING_ADDRESS'];
if (!dir || !address) throw new Error('BENCH_DEVNET_DIR and BENCH_FUNDING_ADDRESS are required');
const devnet = await startBsvDevnet({
  dir,
  log: pino({ level: 'warn' }),
  fund: [{ address, satoshis: 1_000_000_000, outputs: 5 }],
  blockIntervalMs: Number(process.env['BENCH_BLOCK_MS'] ?? 1_000),
});
process.stdout.write(`DEVNET ${JSON.stringify({ arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl })}\n`);
process.once('SIGTERM', () => {
  void devnet.stop().then(() => process.exit(0));
});
