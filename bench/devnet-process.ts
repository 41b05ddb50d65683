// A devnet chain as a process of its own, for benchmarks that keep the chain out of the node's
// event loop, as a real network would be (bench/harness/node-process.ts starts it). Prints one
// line, DEVNET {"arcUrl", "wocUrl"} or DEVNET {"gatewayUrl"}, when it serves; stops on SIGTERM.
// BENCH_DEVNET_CHAIN: bsv (the funded address gets 5 outputs of 10 BSV in block 1) or arweave
// (arlocal behind the devnet's front; the funded address gets 1,000 AR).
import pino from 'pino';
import { startArweaveDevnet } from '../devnet/arweave/index.ts';
import { startBsvDevnet } from '../devnet/bsv/index.ts';

const chain = process.env['BENCH_DEVNET_CHAIN'];
const dir = process.env['BENCH_DEVNET_DIR'];
const address = process.env['BENCH_FUNDING_ADDRESS'];
const blockMs = Number(process.env['BENCH_BLOCK_MS'] ?? 1_000);
if (!dir || !address || (chain !== 'bsv' && chain !== 'arweave')) throw new Error('BENCH_DEVNET_CHAIN (bsv or arweave), BENCH_DEVNET_DIR and BENCH_FUNDING_ADDRESS are required');
const log = pino({ level: 'warn' });

const devnet =
  chain === 'bsv'
    ? await startBsvDevnet({ dir, log, fund: [{ address, satoshis: 1_000_000_000, outputs: 5 }], blockIntervalMs: blockMs })
    : await startArweaveDevnet({ dir, log, fund: [{ address, winston: 1_000_000_000_000_000n }], mineIntervalMs: blockMs });
const endpoints = 'arcUrl' in devnet ? { arcUrl: devnet.arcUrl, wocUrl: devnet.wocUrl } : { gatewayUrl: devnet.url };
process.stdout.write(`DEVNET ${JSON.stringify(endpoints)}\n`);
process.once('SIGTERM', () => {
  void devnet.stop().then(() => process.exit(0));
});
