/**
 * Runs a devnet as its own process, for the crash test: `node --import tsx devnet-child.ts` with
 * BSV_DEVNET_DIR set; prints `{"arcUrl": …}` on stdout once it listens.
 */
import pino from 'pino';
import { startBsvDevnet } from '../../../devnet/bsv/index.ts';
import { fundingAddress } from './wallet.ts';

const dir = process.env['BSV_DEVNET_DIR'];
if (!dir) throw new Error('devnet-child: set BSV_DEVNET_DIR');
const devnet = await startBsvDevnet({
  dir,
  log: pino({ level: 'warn' }, pino.destination(2)),
  fund: [{ address: fundingAddress, satoshis: 1_000_000, outputs: 5 }],
});
process.stdout.write(`${JSON.stringify({ arcUrl: devnet.arcUrl })}\n`);
