import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { adminTokenOf, checkSigned, logKeyOption, resolveLogKey } from '../log/log-key.ts';
import { tileLog } from '../log/tile-log.ts';

export const logCheckpointCommand = defineCommand({
  name: 'log checkpoint',
  usage: '[--log-key <key>]',
  description: [
    "Prints the latest signed checkpoint of the node's transparency log (its /log/checkpoint: origin,",
    'size and root, then the signature), after checking its signature with --log-key, or with the key the',
    'node announces (said on stderr: that proves only that the node signed it). Exits 1 on a bad signature.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: { 'log-key': logKeyOption },
  examples: ["publisher log checkpoint --log-key 'publisher.example.com/log+8d3f0a2c+AY6wN4SAlE6yqLe5TpZg5QOL94PM30vRU5b/m6+GcVc1'"],
  async run({ values }, cli) {
    const log = tileLog(`${cli.nodeUrl}/log/`, adminTokenOf(cli));
    const checkpoint = await log.checkpoint();
    const { key, fromNode } = await resolveLogKey(values['log-key'], log, cli);
    checkSigned(checkpoint, key);
    if (cli.json) {
      cli.out(JSON.stringify({ origin: checkpoint.origin, size: checkpoint.size, rootHash: checkpoint.root.toString('base64'), checkpoint: checkpoint.note, verifierKey: key, keyFromNode: fromNode }));
    } else process.stdout.write(checkpoint.note);
    return ExitCode.ok;
  },
});
