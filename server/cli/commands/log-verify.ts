import { CliError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminTokenOf, checkSigned, logKeyOption, resolveLogKey } from '../log/log-key.ts';
import { describeCheckpoint, tileLog } from '../log/tile-log.ts';
import { verifyTiles } from '../log/verify-tiles.ts';

export const logVerifyCommand = defineCommand({
  name: 'log verify',
  usage: '[--log-key <key>]',
  description: [
    "Downloads the node's whole transparency log through its tlog-tiles API (/log/): the latest checkpoint,",
    'every entry bundle and tile. Checks the checkpoint\'s signature (--log-key, else the key the node',
    'announces, said on stderr), each entry against its leaf hash, each tile against the tiles below it, and',
    'the root the tiles give against the checkpoint\'s. Exits 0 when all hold, 1 naming each problem:',
    'bad signature, tampered entry, tampered tile, root mismatch.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: { 'log-key': logKeyOption },
  examples: ["publisher log verify --log-key 'publisher.example.com/log+8d3f0a2c+AY6wN4SAlE6yqLe5TpZg5QOL94PM30vRU5b/m6+GcVc1'"],
  async run({ values }, cli) {
    const log = tileLog(`${cli.nodeUrl}/log/`, adminTokenOf(cli));
    const checkpoint = await log.checkpoint();
    const { key, fromNode } = await resolveLogKey(values['log-key'], log, cli);
    checkSigned(checkpoint, key);
    const { problems, counts } = await verifyTiles(log, checkpoint, (done) => cli.debug(`${done} of ${checkpoint.size} entries checked`));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (cli.json) {
      cli.out(JSON.stringify({ intact: total === 0, size: checkpoint.size, rootHash: checkpoint.root.toString('base64'), checkpoint: checkpoint.note, verifierKey: key, keyFromNode: fromNode, problems, counts }));
    } else if (total === 0) {
      cli.out(`log verified: ${checkpoint.size} entries and their tiles give the root of the checkpoint signed by ${key} (${describeCheckpoint(checkpoint)})`);
    } else {
      for (const p of problems) cli.out(`${p.kind}: ${p.detail}`);
      for (const [kind, count] of Object.entries(counts)) if (count > 10) cli.out(`… ${count - 10} more ${kind} problems`);
    }
    if (total === 0) return ExitCode.ok;
    const kinds = Object.entries(counts).filter(([, count]) => count > 0).map(([kind, count]) => `${count} ${kind}`);
    throw new CliError(ExitCode.refused, 'LOG_BROKEN', `the log does not verify against its checkpoint (${describeCheckpoint(checkpoint)}): ${kinds.join(', ')}`, { resultPrinted: true });
  },
});
