import { Code, ConnectError } from '@connectrpc/connect';
import type { AnchoredCheckpoint } from '../../../proto/gen/publisher/v1/log_pb.ts';
import { PublicationStatus } from '../../../proto/gen/publisher/v1/publish_pb.ts';
import { callError } from '../call-error.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { logClients } from '../node-clients.ts';

const STATUS: Record<PublicationStatus, string> = {
  [PublicationStatus.UNSPECIFIED]: 'unknown',
  [PublicationStatus.QUEUED]: 'queued',
  [PublicationStatus.SUBMITTED]: 'submitted',
  [PublicationStatus.CONFIRMED]: 'confirmed',
  [PublicationStatus.FAILED]: 'failed',
};

export const logAnchorsCommand = defineCommand({
  name: 'log anchors',
  usage: '[--limit <n>]',
  description: [
    "Lists the checkpoints of the node's transparency log published on chain (transparency-log.md §5),",
    'newest first: size and root, then each chain it was sent to, with its status, transaction and block.',
    'A checkpoint anchored on a chain is a public timestamp of the whole log up to its size.',
  ].join('\n'),
  positionals: { min: 0, max: 0 },
  options: { limit: { type: 'string', value: 'n', help: 'how many checkpoints, newest first (default 20, at most 1000)' } },
  examples: ['publisher log anchors', 'publisher log anchors --limit 100 --json'],
  async run({ values }, cli) {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw usageError(`--limit must be a whole number from 1 to 1000, not ${JSON.stringify(values.limit)}`);
    const clients = await logClients(cli);
    let client = clients.open;
    const found: AnchoredCheckpoint[] = [];
    try {
      let before = 0n;
      do {
        const pageSize = Math.min(100, limit - found.length);
        const page = await client.listAnchoredCheckpoints({ pageSize, beforeSize: before }).catch(async (error: unknown) => {
          // A log that is not public asks for the admin token: only then is it sent.
          if (!(error instanceof ConnectError && error.code === Code.Unauthenticated) || client !== clients.open) throw error;
          client = await clients.withToken();
          return client.listAnchoredCheckpoints({ pageSize, beforeSize: before });
        });
        found.push(...page.checkpoints);
        before = page.nextBeforeSize;
      } while (before !== 0n && found.length < limit);
    } catch (error) {
      throw callError(error, 'listing the anchored checkpoints', cli.nodeUrl);
    }
    const views = found.map((c) => ({
      treeSize: Number(c.treeSize),
      rootHash: Buffer.from(c.rootHash).toString('base64'),
      anchors: c.anchors.map((a) => ({
        chain: a.chain,
        status: STATUS[a.status] ?? 'unknown',
        txid: a.txid,
        locator: a.locator,
        blockHeight: Number(a.blockHeight),
        confirmations: a.confirmations,
        ...(a.lastError === '' ? {} : { lastError: a.lastError }),
      })),
      checkpoint: c.checkpoint,
    }));
    if (cli.json) cli.out(JSON.stringify(views));
    else if (views.length === 0) cli.progress('no checkpoint anchored yet (the node anchors the log every log.anchor.intervalSeconds once it has grown)');
    else {
      for (const view of views) {
        cli.out(`size ${view.treeSize}  root ${view.rootHash}`);
        for (const a of view.anchors) {
          const where = a.txid === '' ? '' : `  tx ${a.txid}${a.locator !== '' && a.locator !== a.txid ? ` at ${a.locator}` : ''}`;
          const block = a.blockHeight > 0 ? `  block ${a.blockHeight} (${a.confirmations} conf.)` : '';
          cli.out(`  ${a.chain.padEnd(8)} ${a.status.padEnd(9)}${where}${block}${a.lastError ? `  last error: ${a.lastError}` : ''}`);
        }
      }
    }
    return ExitCode.ok;
  },
});
