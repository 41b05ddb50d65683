import { KeyStatus, type Key } from '../../../proto/gen/publisher/v1/key_pb.ts';
import { callError } from '../call-error.ts';
import { usageError } from '../cli-error.ts';
import { defineCommand } from '../define-command.ts';
import { ExitCode } from '../exit-codes.ts';
import { keyLine, keyView } from '../key-view.ts';
import { adminClients } from '../node-clients.ts';

const statuses = { all: KeyStatus.UNSPECIFIED, active: KeyStatus.ACTIVE, revoked: KeyStatus.REVOKED } as const;

export const keysListCommand = defineCommand({
  name: 'keys list',
  usage: '[--status active|revoked|all]',
  description: 'Lists the registered creator keys, every page of them. Needs the admin token.',
  positionals: { min: 0, max: 0 },
  options: {
    status: { type: 'string', value: 'status', help: 'active, revoked or all (default)' },
  },
  async run({ values }, cli) {
    const name = values.status ?? 'all';
    if (!Object.hasOwn(statuses, name)) throw usageError(`--status must be active, revoked or all, not ${JSON.stringify(name)}`);
    const status = statuses[name as keyof typeof statuses];
    const { keys } = await adminClients(cli);
    const found: Key[] = [];
    try {
      let pageToken = '';
      do {
        const page = await keys.listKeys({ status, pageSize: 1000, pageToken });
        found.push(...page.keys);
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
    } catch (error) {
      throw callError(error, 'listing the keys', cli.nodeUrl);
    }
    const views = found.map(keyView);
    if (cli.json) cli.out(JSON.stringify(views));
    else if (views.length === 0) cli.progress(`no ${name === 'all' ? '' : `${name} `}keys registered`);
    else views.forEach((view) => cli.out(keyLine(view)));
    return ExitCode.ok;
  },
});
